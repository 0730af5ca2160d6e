package dev.wasmlet.trust;

/** The local content store cannot be read or written. */
public final class StoreFailed extends TrustException {
  private static final long serialVersionUID = 1L;

  public StoreFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
