package dev.wasmlet.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resolved component-level type: a value type, a function type, a resource (identified by a key:
 * {@code interface#name} for imported resources, with the interface's version reduced to its
 * semver-compatible part, or {@code component#N} for a component's own), or an instance type.
 */
sealed interface CType {
  record Val(WitType type) implements CType {}

  /** A function type, with its call shape worked out once (see {@link Shape}). */
  record Func(List<String> names, List<WitType> params, Optional<WitType> result, Shape shape)
      implements CType {
    public Func {
      names = List.copyOf(names);
      params = List.copyOf(params);
    }

    public Func(List<String> names, List<WitType> params, Optional<WitType> result) {
      this(names, params, result, Shape.of(params, result));
    }
  }

  /**
   * How a call of a function type crosses the boundary, computed at load so a call does not flatten
   * types again: the parameters as one tuple, whether they or the result go through memory, and
   * which parameters and whether the result carry handles.
   */
  record Shape(
      WitType.TupleOf paramTuple,
      boolean paramsInMemory,
      boolean resultInMemory,
      List<Boolean> paramHandles,
      boolean resultHandles,
      com.dylibso.chicory.wasm.types.FunctionType lowered) {
    static Shape of(List<WitType> params, Optional<WitType> result) {
      WitType.TupleOf tuple = new WitType.TupleOf(params);
      return new Shape(
          tuple,
          AbiLayout.flatten(tuple).size() > Calls.MAX_FLAT_PARAMS,
          result.map(r -> AbiLayout.flatten(r).size() > Calls.MAX_FLAT_RESULTS).orElse(false),
          params.stream().map(Handles::has).toList(),
          result.map(Handles::has).orElse(false),
          Calls.loweredType(tuple, result));
    }
  }

  record Resource(String key) implements CType {}

  /** A type not used at run time (component, core module, async types in declarations). */
  record Opaque(String what) implements CType {}

  /** An instance type or an instance's exports: name to sort and type. */
  record Instance(Map<String, Extern> exports) implements CType {
    public Instance {
      exports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
  }

  /** An export or import of a sort (component sort byte: 1 func, 3 type, 5 instance, ...). */
  record Extern(int sort, CType type) {}
}
