package dev.wasmlet.trust;

/** An app directory cannot be packed into an artifact. */
public final class PackFailed extends TrustException {
  private static final long serialVersionUID = 1L;

  public PackFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
