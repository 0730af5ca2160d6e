package dev.wasmlet.trust;

/**
 * The manifest under a cosign signature tag ({@code sha256-<hex>.sig}) is not what cosign writes: a
 * layer lacks its signature annotation, is too large, or there are too many layers.
 */
public final class SignatureTagInvalid extends TrustException {
  private static final long serialVersionUID = 1L;

  public SignatureTagInvalid(String message) {
    super(message, null);
  }
}
