package dev.wasmlet.trust;

/**
 * A pulled artifact is not one Wasmlet can run: an unknown media type, or a layer path that would
 * leave the app directory.
 */
public final class ArtifactUnsupported extends TrustException {
  private static final long serialVersionUID = 1L;

  public ArtifactUnsupported(String message, Throwable cause) {
    super(message, cause);
  }
}
