package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** Reads the {@code [[trigger.http]]} array of a manifest into {@link TriggerSpec}s. */
final class TriggerReader {
  private static final Set<String> TRIGGER_KEYS = Set.of("id", "route", "component", "executor");
  private static final Set<String> EXECUTOR_KEYS = Set.of("type", "argv", "entrypoint");

  private TriggerReader() {}

  /** A trigger as written, with its inline component table when it has one. */
  record Read(TriggerSpec spec, Optional<Section> inlineComponent) {}

  static List<Read> read(Section root) {
    List<Read> out = new ArrayList<>();
    Optional<Section> found = root.table("trigger", "[trigger]");
    if (found.isEmpty()) {
      return out;
    }
    Section triggers = found.get();
    for (String type : triggers.table().keySet()) {
      if (!type.equals("http")) {
        triggers.problem(
            type,
            type + " triggers are not supported by Wasmlet yet; only [[trigger.http]] is served");
      }
    }
    Optional<Object> http = triggers.raw("http");
    if (http.isEmpty()) {
      return out;
    }
    if (!(http.get() instanceof TomlArray array)
        || array.toList().stream().anyMatch(e -> !(e instanceof TomlTable))) {
      triggers.problem("http", "HTTP triggers are an array of tables; write [[trigger.http]]");
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      TomlTable table = array.getTable(i);
      List<Object> path = List.of("trigger", "http", i);
      Section trigger = root.at(table, path, "[[trigger.http]] #" + (i + 1));
      out.add(trigger(trigger, i + 1));
    }
    return out;
  }

  private static Read trigger(Section t, int number) {
    t.checkKeys(TRIGGER_KEYS, Map.of());
    String route = "";
    boolean isPrivate = false;
    Optional<Object> rawRoute = t.raw("route");
    if (rawRoute.isEmpty()) {
      t.problem("route", "missing route; add route = \"/path\" (or \"/path/...\" for a prefix)");
    } else if (rawRoute.get() instanceof TomlTable) {
      Section r = t.table("route", t.name() + " route").orElseThrow();
      r.checkKeys(Set.of("private"), Map.of());
      isPrivate = r.bool("private").orElse(false);
      if (!isPrivate) {
        t.problem(
            "route", "a route table must be { private = true }; else write route = \"/path\"");
      }
    } else {
      route = t.string("route").orElse("");
      if (rawRoute.get() instanceof String s && s.isEmpty()) {
        t.problem("route", "route is empty; write route = \"/path\"");
      }
    }
    String component = "";
    Optional<Section> inline = Optional.empty();
    Optional<Object> rawComponent = t.raw("component");
    if (rawComponent.isEmpty()) {
      t.problem(
          "component",
          "missing component; add component = \"<id of a [component.X]>\" or an inline"
              + " component = { source = \"app.wasm\" }");
    } else if (rawComponent.get() instanceof TomlTable) {
      // Named later, as Spin's normalisation names it (see Normalizer).
      inline = t.table("component", t.name() + " inline component");
    } else {
      component = t.string("component").orElse("");
    }
    return new Read(
        new TriggerSpec(number, t.string("id"), route, isPrivate, component, executor(t)), inline);
  }

  private static Optional<ExecutorSpec> executor(Section t) {
    return t.table("executor", t.name() + " executor")
        .map(
            e -> {
              e.checkKeys(EXECUTOR_KEYS, Map.of());
              String type = e.requiredString("type", "write executor = { type = \"wagi\" }");
              return new ExecutorSpec(type, e.string("argv"), e.string("entrypoint"));
            });
  }
}
