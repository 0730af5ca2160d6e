package dev.wasmlet.trust;

/** The registry refused the credentials given, or asked for credentials none were given for. */
public final class RegistryAuthFailed extends TrustException {
  private static final long serialVersionUID = 1L;

  public RegistryAuthFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
