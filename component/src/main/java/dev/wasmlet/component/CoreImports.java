package dev.wasmlet.component;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValue;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.List;
import java.util.Map;

/**
 * Binds a core module's imports to the items its instantiation arguments supply (another core
 * instance's exports, or inline exports), checking function types, as Chicory import values.
 */
final class CoreImports {
  private CoreImports() {}

  /** The import values, sorted by kind as Chicory takes them. */
  static ImportValues of(List<ImportValue> values) {
    return ImportValues.builder()
        .withFunctions(functionsOf(values))
        .withMemories(memoriesOf(values))
        .withTables(tablesOf(values))
        .withGlobals(globalsOf(values))
        .build();
  }

  /** What satisfies import {@code imp} of {@code core} from the argument instance {@code from}. */
  static ImportValue value(CompiledCore core, Import imp, Object from) {
    int sort =
        switch (imp.importType()) {
          case FUNCTION -> Step.CORE_FUNC;
          case TABLE -> Step.CORE_TABLE;
          case MEMORY -> Step.CORE_MEMORY;
          case GLOBAL -> Step.CORE_GLOBAL;
          default ->
              throw new ComponentException(
                  "core module imports a tag, which components cannot supply");
        };
    Object v =
        from instanceof Instance inst
            ? export(inst, imp.name(), sort)
            : ((Map<?, ?>) from).get(imp.name());
    if (v == null) {
      throw new ComponentException(
          "core import \""
              + imp.module()
              + "\" \""
              + imp.name()
              + "\" is not supplied by its instantiation");
    }
    return switch (sort) {
      case Step.CORE_FUNC -> {
        CoreFunc f = (CoreFunc) v;
        FunctionType want = core.module().typeSection().getType(((FunctionImport) imp).typeIndex());
        if (!want.typesMatch(f.type())) {
          throw new ComponentException(
              "core import \""
                  + imp.module()
                  + "\" \""
                  + imp.name()
                  + "\" wants "
                  + want
                  + " but is given "
                  + f.type());
        }
        yield new HostFunction(imp.module(), imp.name(), want, f.handle());
      }
      case Step.CORE_TABLE -> new ImportTable(imp.module(), imp.name(), (TableInstance) v);
      case Step.CORE_MEMORY -> new ImportMemory(imp.module(), imp.name(), (Memory) v);
      default -> new ImportGlobal(imp.module(), imp.name(), (GlobalInstance) v);
    };
  }

  /** An export of a Chicory instance as a component core item, or null when it has none. */
  static Object export(Instance inst, String name, int sort) {
    try {
      return switch (sort) {
        case Step.CORE_FUNC -> {
          var f = inst.export(name);
          yield new CoreFunc(inst.exportType(name), (i, args) -> f.apply(args));
        }
        case Step.CORE_TABLE -> inst.exports().table(name);
        case Step.CORE_MEMORY -> inst.exports().memory(name);
        case Step.CORE_GLOBAL -> inst.exports().global(name);
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<ImportFunction> functionsOf(List<ImportValue> v) {
    return v.stream()
        .filter(x -> x instanceof ImportFunction)
        .map(x -> (ImportFunction) x)
        .toList();
  }

  private static List<ImportMemory> memoriesOf(List<ImportValue> v) {
    return v.stream().filter(x -> x instanceof ImportMemory).map(x -> (ImportMemory) x).toList();
  }

  private static List<ImportTable> tablesOf(List<ImportValue> v) {
    return v.stream().filter(x -> x instanceof ImportTable).map(x -> (ImportTable) x).toList();
  }

  private static List<ImportGlobal> globalsOf(List<ImportValue> v) {
    return v.stream().filter(x -> x instanceof ImportGlobal).map(x -> (ImportGlobal) x).toList();
  }
}
