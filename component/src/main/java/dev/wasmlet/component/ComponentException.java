package dev.wasmlet.component;

/** Root of every failure this module reports; each message names the file and the construct. */
public class ComponentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ComponentException(String message) {
    super(message);
  }

  public ComponentException(String message, Throwable cause) {
    super(message, cause);
  }
}
