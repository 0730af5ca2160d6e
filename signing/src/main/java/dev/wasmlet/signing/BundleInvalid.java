package dev.wasmlet.signing;

/** A Sigstore bundle or DSSE envelope is malformed: bad JSON, unknown media type, missing parts. */
public final class BundleInvalid extends SigningException {
  private static final long serialVersionUID = 1L;

  public BundleInvalid(String message) {
    super(message);
  }

  public BundleInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
