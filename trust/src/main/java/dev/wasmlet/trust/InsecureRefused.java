package dev.wasmlet.trust;

/** Plain HTTP was asked for (or configured) for a registry that is not on this machine. */
public final class InsecureRefused extends TrustException {
  private static final long serialVersionUID = 1L;

  public InsecureRefused(String message, Throwable cause) {
    super(message, cause);
  }
}
