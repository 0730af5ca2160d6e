package dev.wasmlet.trust;

/** A registry reference could not be parsed. */
public final class ReferenceInvalid extends TrustException {
  private static final long serialVersionUID = 1L;

  public ReferenceInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
