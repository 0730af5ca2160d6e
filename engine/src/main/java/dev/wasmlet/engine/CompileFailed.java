package dev.wasmlet.engine;

/** Translating the module to JVM bytecode failed. */
public final class CompileFailed extends EngineException {
  private static final long serialVersionUID = 1L;

  public CompileFailed(String message) {
    super(message);
  }

  public CompileFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
