package dev.wasmlet.signing;

/** A key file could not be read: not PEM, an unsupported algorithm, or a wrong passphrase. */
public final class KeyUnreadable extends SigningException {
  private static final long serialVersionUID = 1L;

  public KeyUnreadable(String message) {
    super(message);
  }

  public KeyUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
