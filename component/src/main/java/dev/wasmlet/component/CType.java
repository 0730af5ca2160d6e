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

  record Func(List<String> names, List<WitType> params, Optional<WitType> result) implements CType {
    public Func {
      names = List.copyOf(names);
      params = List.copyOf(params);
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
