package dev.wasmlet.engine;

/** The bytes are not a valid WebAssembly module (not Wasm, truncated, or failing validation). */
public final class ModuleMalformed extends EngineException {
  private static final long serialVersionUID = 1L;

  public ModuleMalformed(String message) {
    super(message);
  }

  public ModuleMalformed(String message, Throwable cause) {
    super(message, cause);
  }
}
