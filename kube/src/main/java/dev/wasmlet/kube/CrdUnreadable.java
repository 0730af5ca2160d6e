package dev.wasmlet.kube;

/** The WasmApp CRD could not be read from the jar: a broken build, never a user's mistake. */
public final class CrdUnreadable extends KubeException {
  private static final long serialVersionUID = 1L;

  public CrdUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
