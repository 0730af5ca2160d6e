package dev.wasmlet.signing;

/** A policy file could not be read or names an unknown setting. */
public final class PolicyInvalid extends SigningException {
  private static final long serialVersionUID = 1L;

  public PolicyInvalid(String message) {
    super(message);
  }

  public PolicyInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
