package dev.wasmlet.client;

/**
 * The root of every failure of the admin client; subclasses name the phase that failed. Messages
 * name the culprit and the fix, and never carry a secret value.
 */
public class ClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClientException(String message) {
    super(message);
  }

  public ClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
