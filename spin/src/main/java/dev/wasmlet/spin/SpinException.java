package dev.wasmlet.spin;

/** A failure of Spin's platform interfaces on the host side (a store that cannot be opened). */
public class SpinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpinException(String message, Throwable cause) {
    super(message, cause);
  }
}
