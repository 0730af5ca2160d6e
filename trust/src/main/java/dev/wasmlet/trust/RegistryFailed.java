package dev.wasmlet.trust;

/** The registry answered a request with an error other than an authentication failure. */
public final class RegistryFailed extends TrustException {
  private static final long serialVersionUID = 1L;

  public RegistryFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
