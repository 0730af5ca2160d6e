package dev.wasmlet.engine;

/**
 * Root of every failure the engine reports. Subclasses are named after the phase that failed; each
 * message names the module (or component) and the culprit.
 */
public class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
