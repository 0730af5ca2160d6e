package dev.wasmlet.kube;

/**
 * A WasmApp's variable names a ConfigMap or Secret key that cannot be read; nothing new is placed
 * or changed until it can.
 */
public final class VariablesUnreadable extends KubeException {
  private static final long serialVersionUID = 1L;

  public VariablesUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
