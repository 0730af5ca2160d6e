package dev.wasmlet.signing;

/**
 * The root of every failure in the {@code signing} module; subclasses are named after the phase
 * that failed, and each message names the culprit and the fix.
 */
public class SigningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SigningException(String message) {
    super(message);
  }

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
