package dev.wasmlet.control;

/** The root of the control plane's errors. */
public class ControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControlException(String message) {
    super(message);
  }

  public ControlException(String message, Throwable cause) {
    super(message, cause);
  }
}
