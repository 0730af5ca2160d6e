package dev.wasmlet.engine;

/**
 * The module is valid Wasm but cannot run here: an import Wasmlet does not provide, a missing entry
 * point, or memory needs beyond the component's limit.
 */
public final class LinkFailed extends EngineException {
  private static final long serialVersionUID = 1L;

  public LinkFailed(String message) {
    super(message);
  }

  public LinkFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
