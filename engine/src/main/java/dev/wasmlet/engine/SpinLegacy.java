package dev.wasmlet.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a Spin 1.x module: a core module built with a Spin 1 SDK, which exports Spin 1's
 * {@code handle-http-request} (or {@code handle-redis-message}) and imports Spin 1's host modules
 * ({@code spin-config}, {@code wasi-outbound-http}, ...). Spin 2 and later run such modules through
 * an adapter ({@code crates/componentize}); Wasmlet does not, and says so by name instead of
 * reporting unknown imports or a missing {@code _start}.
 */
final class SpinLegacy {
  private SpinLegacy() {}

  /** Spin 1's entry points, as wit-bindgen 0.2 named them. */
  private static final Set<String> EXPORTS = Set.of("handle-http-request", "handle-redis-message");

  /** Spin 1's host modules (wit-bindgen 0.2 import module names). */
  private static final Set<String> IMPORTS =
      Set.of(
          "spin-config",
          "wasi-outbound-http",
          "outbound-redis",
          "outbound-pg",
          "outbound-mysql",
          "key-value",
          "sqlite",
          "llm");

  /**
   * What shows {@code module} to be a Spin 1.x module ("it exports handle-http-request"), or empty.
   */
  static Optional<String> evidence(WasmModule module) {
    var exports = module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      var e = exports.getExport(i);
      if (e.exportType() == ExternalType.FUNCTION && EXPORTS.contains(e.name())) {
        return Optional.of("it exports " + e.name());
      }
    }
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      var imp = imports.getImport(i);
      if (IMPORTS.contains(imp.module())) {
        return Optional.of("it imports " + imp.module() + "::" + imp.name());
      }
    }
    return Optional.empty();
  }

  /** The refusal for a module that {@link #evidence} recognised. */
  static LinkFailed refusal(String name, String evidence) {
    return new LinkFailed(
        "module \""
            + name
            + "\" is a Spin 1.x module ("
            + evidence
            + ", a Spin 1 interface); Spin 1 interfaces are not supported: rebuild it with a"
            + " Spin SDK 2.0 or later, which builds a wasi:http component");
  }
}
