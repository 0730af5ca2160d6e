package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host needs to know about a module before running it: its memory needs and exported
 * functions, checked against what Wasmlet provides (WASI preview 1 functions, nothing else). {@code
 * singleUnsharedMemory}: the module defines exactly one memory, not shared, so a fresh instance's
 * memory can be restored from an image (see {@link ResettableMemory}).
 */
// wasiImportIndices is read on every request and never exposed for mutation outside the engine.
@SuppressWarnings("ArrayRecordComponent")
public record ModuleShape(
    int initialPages,
    int declaredMaxPages,
    Set<String> exportedFunctions,
    int[] wasiImportIndices,
    boolean singleUnsharedMemory) {
  /** A page of Wasm linear memory. */
  public static final long PAGE = 65_536;

  static final String WASI_MODULE = "wasi_snapshot_preview1";

  /** Names of the WASI host functions, in the order {@code WasiPreview1.toHostFunctions()} has. */
  private static final List<String> WASI_ORDER = wasiFunctionNames();

  private static final Set<String> WASI_FUNCTIONS = Set.copyOf(WASI_ORDER);

  /** The module's own maximum, or none; {@link MemoryLimits#MAX_PAGES} means unbounded. */
  public boolean hasDeclaredMax() {
    return declaredMaxPages < MemoryLimits.MAX_PAGES;
  }

  static ModuleShape check(String name, WasmModule module) {
    Optional<String> spin1 = SpinLegacy.evidence(module);
    if (spin1.isPresent()) {
      throw SpinLegacy.refusal(name, spin1.get());
    }
    List<String> problems = new ArrayList<>();
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      String what = imp.module() + "::" + imp.name();
      if (imp.importType() != ExternalType.FUNCTION) {
        problems.add(
            "imports "
                + imp.importType().name().toLowerCase(java.util.Locale.ROOT)
                + " \""
                + what
                + "\", but Wasmlet only provides WASI preview 1 functions");
      } else if (!WASI_MODULE.equals(imp.module())) {
        problems.add(
            "imports function \""
                + what
                + "\" from an unknown module; only \""
                + WASI_MODULE
                + "\" is provided (the component model and custom host modules are not yet"
                + " supported)");
      } else if (!WASI_FUNCTIONS.contains(imp.name())) {
        problems.add("imports unknown WASI function \"" + what + "\"");
      }
      assert imp instanceof FunctionImport || imp.importType() != ExternalType.FUNCTION;
    }
    if (!problems.isEmpty()) {
      throw new LinkFailed("module \"" + name + "\" " + String.join("; ", problems));
    }
    int initial = 0;
    int max = MemoryLimits.MAX_PAGES;
    int memories = module.memorySection().map(m -> m.memoryCount()).orElse(0);
    boolean shared = false;
    if (memories > 0) {
      MemoryLimits limits = module.memorySection().get().getMemory(0).limits();
      initial = limits.initialPages();
      max = limits.maximumPages();
      shared = limits.shared();
    }
    var section = module.exportSection();
    Set<String> exports =
        java.util.stream.IntStream.range(0, section.exportCount())
            .mapToObj(section::getExport)
            .filter(e -> e.exportType() == ExternalType.FUNCTION)
            .map(e -> e.name())
            .collect(Collectors.toUnmodifiableSet());
    int[] indices = new int[imports.importCount()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = WASI_ORDER.indexOf(imports.getImport(i).name());
    }
    return new ModuleShape(initial, max, exports, indices, memories == 1 && !shared);
  }

  private static List<String> wasiFunctionNames() {
    return List.of(WasiImports.names());
  }

  /**
   * Of a WASI context's host functions, exactly those this module imports, in its import order.
   * Chicory matches each import by scanning the import values, so handing it only these, in this
   * order, makes linking one comparison per import instead of a scan of all 46.
   */
  HostFunction[] select(HostFunction[] all) {
    HostFunction[] picked = new HostFunction[wasiImportIndices.length];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = all[wasiImportIndices[i]];
    }
    return picked;
  }
}
