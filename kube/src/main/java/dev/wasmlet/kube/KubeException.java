package dev.wasmlet.kube;

/** The root of everything the kube module throws. */
public class KubeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KubeException(String message, Throwable cause) {
    super(message, cause);
  }
}
