package dev.wasmlet.trust;

/**
 * The root of every failure in the {@code trust} module; subclasses are named after the phase that
 * failed, and each message names the culprit and the fix.
 */
public class TrustException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustException(String message, Throwable cause) {
    super(message, cause);
  }
}
