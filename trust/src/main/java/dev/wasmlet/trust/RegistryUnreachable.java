package dev.wasmlet.trust;

/** Nothing answered at the registry's address. */
public final class RegistryUnreachable extends TrustException {
  private static final long serialVersionUID = 1L;

  public RegistryUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
