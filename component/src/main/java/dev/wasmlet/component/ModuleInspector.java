package dev.wasmlet.component;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmlet.component.Inspection.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a core module or a component imports and exports; the entry point of inspection. */
public final class ModuleInspector {
  private ModuleInspector() {}

  /**
   * Inspects a module or component, chosen by the header's layer.
   *
   * @throws ComponentMalformed when the bytes are neither, naming the construct and byte offset
   */
  public static Inspection inspect(byte[] bytes) {
    if (!ComponentParser.isWasm(bytes)) {
      throw new ComponentMalformed(
          "not WebAssembly: the file does not start with the \\0asm magic bytes (at byte offset"
              + " 0)",
          0);
    }
    if (ComponentParser.isComponent(bytes)) {
      return ComponentParser.inspect(bytes);
    }
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ComponentMalformed("not a valid core module: " + e.getMessage(), 0);
    }
    List<FunctionType> funcTypes = new ArrayList<>();
    List<Item> imports = new ArrayList<>();
    var is = module.importSection();
    for (int i = 0; i < is.importCount(); i++) {
      Import imp = is.getImport(i);
      String sort = sort(imp.importType());
      String wit = "";
      if (imp instanceof FunctionImport f) {
        FunctionType t = module.typeSection().getType(f.typeIndex());
        funcTypes.add(t);
        wit = render(t);
      }
      imports.add(new Item(imp.module() + "::" + imp.name(), sort, wit, List.of()));
    }
    var fs = module.functionSection();
    for (int i = 0; i < fs.functionCount(); i++) {
      funcTypes.add(fs.getFunctionType(i, module.typeSection()));
    }
    List<Item> exports = new ArrayList<>();
    var es = module.exportSection();
    for (int i = 0; i < es.exportCount(); i++) {
      Export e = es.getExport(i);
      String wit =
          e.exportType() == ExternalType.FUNCTION && e.index() < funcTypes.size()
              ? render(funcTypes.get(e.index()))
              : "";
      exports.add(new Item(e.name(), sort(e.exportType()), wit, List.of()));
    }
    return new Inspection("module", imports, exports, Map.of());
  }

  private static String sort(ExternalType t) {
    return t == ExternalType.FUNCTION ? "func" : t.name().toLowerCase(Locale.ROOT);
  }

  private static String render(FunctionType t) {
    String params = t.params().stream().map(ValType::toString).collect(Collectors.joining(", "));
    String results = t.returns().stream().map(ValType::toString).collect(Collectors.joining(", "));
    return "core func(" + params + ")" + (results.isEmpty() ? "" : " -> " + results);
  }
}
