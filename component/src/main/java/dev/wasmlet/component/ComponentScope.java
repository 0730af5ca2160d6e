package dev.wasmlet.component;

import dev.wasmlet.component.Inspection.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * The index spaces of one component, component type or instance type while it is parsed: each entry
 * is what an index refers to, kept as the WIT-like text inspection prints. Outer aliases look up
 * enclosing scopes.
 */
final class ComponentScope {
  /** A type index: how a use of it reads, its definition, and an instance type's exports. */
  record Type(String ref, String def, List<Item> members) {}

  final ComponentScope outer;
  final List<Type> types = new ArrayList<>();
  final List<String> funcs = new ArrayList<>();
  final List<List<Item>> instances = new ArrayList<>();
  final List<List<Item>> components = new ArrayList<>();
  int values;
  int coreFuncs;
  int coreTables;
  int coreMemories;
  int coreGlobals;
  int coreTags;
  int coreTypes;
  int coreModules;
  int coreInstances;

  ComponentScope(ComponentScope outer) {
    this.outer = outer;
  }

  ComponentScope outer(int count, WasmReader r, int at) {
    ComponentScope s = this;
    for (int i = 0; i < count; i++) {
      if (s.outer == null) {
        throw r.fail("outer alias reaches " + count + " levels out but only " + i + " exist", at);
      }
      s = s.outer;
    }
    return s;
  }

  Type type(int idx, WasmReader r, int at) {
    return get(types, idx, "type", r, at);
  }

  String func(int idx, WasmReader r, int at) {
    return get(funcs, idx, "function", r, at);
  }

  List<Item> instance(int idx, WasmReader r, int at) {
    return get(instances, idx, "instance", r, at);
  }

  List<Item> component(int idx, WasmReader r, int at) {
    return get(components, idx, "component", r, at);
  }

  /** Checks a core index against the count of its space. */
  void checkCore(int count, int idx, String what, WasmReader r, int at) {
    if (idx >= count) {
      throw r.fail(what + " index " + idx + " is out of bounds (" + count + " defined)", at);
    }
  }

  private static <T> T get(List<T> space, int idx, String what, WasmReader r, int at) {
    if (idx >= space.size()) {
      throw r.fail(
          what + " index " + idx + " is out of bounds (" + space.size() + " defined so far)", at);
    }
    return space.get(idx);
  }

  /** Adds an item of {@code sort} to its index space, as imports, exports and aliases do. */
  void add(String sort, String wit, List<Item> members) {
    switch (sort) {
      case "func" -> funcs.add(wit);
      case "instance" -> instances.add(members);
      case "component" -> components.add(members);
      case "value" -> values++;
      case "core module" -> coreModules++;
      default -> {}
    }
  }
}
