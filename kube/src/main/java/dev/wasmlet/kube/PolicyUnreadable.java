package dev.wasmlet.kube;

/** A WasmApp's policy names a trusted key that cannot be read; nothing is placed until it can. */
public final class PolicyUnreadable extends KubeException {
  private static final long serialVersionUID = 1L;

  public PolicyUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
