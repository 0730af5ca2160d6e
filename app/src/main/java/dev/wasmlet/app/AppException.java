package dev.wasmlet.app;

/** Root of every failure of the {@code app} module: reading, validating or locking an app. */
public class AppException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AppException(String message) {
    super(message);
  }

  public AppException(String message, Throwable cause) {
    super(message, cause);
  }
}
