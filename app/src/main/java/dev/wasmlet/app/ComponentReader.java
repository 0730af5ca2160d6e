package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** Reads the {@code [component.X]} tables of a manifest into {@link ComponentSpec}s. */
final class ComponentReader {
  private static final Set<String> COMPONENT_KEYS =
      Set.of(
          "source",
          "description",
          "files",
          "exclude_files",
          "environment",
          "allowed_outbound_hosts",
          "variables",
          "build",
          "limits",
          "key_value_stores",
          "sqlite_databases");
  private static final List<String> SPIN_ONLY_KEYS =
      List.of("ai_models", "dependencies", "dependencies_inherit_configuration", "tool");
  private static final Set<String> BUILD_KEYS = Set.of("command", "workdir", "watch");
  private static final Set<String> LIMIT_KEYS =
      Set.of("max_memory", "timeout", "max_request_body", "max_response");

  private ComponentReader() {}

  static Map<String, ComponentSpec> read(Section root) {
    Map<String, ComponentSpec> out = new LinkedHashMap<>();
    Optional<Section> found = root.table("component", "[component]");
    if (found.isEmpty()) {
      return out;
    }
    Section components = found.get();
    for (String id : components.table().keySet()) {
      String name = "component \"" + id + "\"";
      components.table(id, name).ifPresent(c -> out.put(id, component(id, c)));
    }
    return out;
  }

  /** Reads one component table, a {@code [component.<id>]} or one written inline in a trigger. */
  static ComponentSpec component(String id, Section c) {
    Map<String, String> unsupported = new LinkedHashMap<>();
    for (String key : SPIN_ONLY_KEYS) {
      unsupported.put(key, key + " is not supported by Wasmlet yet");
    }
    unsupported.put(
        "allowed_http_hosts",
        "allowed_http_hosts is not supported; write allowed_outbound_hosts ="
            + " [\"https://host\"] instead");
    c.checkKeys(COMPONENT_KEYS, unsupported);
    Optional<Section> build = c.table("build", c.name() + " build");
    build.ifPresent(b -> b.checkKeys(BUILD_KEYS, Map.of()));
    return new ComponentSpec(
        id,
        source(c),
        c.string("description"),
        files(c),
        c.strings("exclude_files"),
        c.stringTable("environment"),
        c.strings("allowed_outbound_hosts"),
        c.stringTable("variables"),
        build.flatMap(b -> b.string("command")),
        limits(c),
        c.strings("key_value_stores"),
        c.strings("sqlite_databases"));
  }

  private static String source(Section c) {
    Optional<Object> raw = c.raw("source");
    if (raw.isPresent() && raw.get() instanceof TomlTable) {
      c.problem(
          "source",
          "source { url = ..., digest = ... } is not supported yet (remote sources arrive with OCI"
              + " support); download the module and write source = \"path/to/module.wasm\"");
      return "";
    }
    return c.requiredString("source", "add source = \"path/to/module.wasm\"");
  }

  private static List<FilesSpec> files(Section c) {
    List<FilesSpec> out = new ArrayList<>();
    Optional<Object> raw = c.raw("files");
    if (raw.isEmpty()) {
      return out;
    }
    if (!(raw.get() instanceof TomlArray array)) {
      c.problem("files", "files must be an array of globs and { source, destination } tables");
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      Object entry = array.get(i);
      if (entry instanceof String glob) {
        out.add(new FilesSpec.Glob(glob));
      } else if (entry instanceof TomlTable table) {
        List<Object> path = new ArrayList<>(c.path());
        path.addAll(List.of("files", i));
        Section m = c.at(table, path, c.name() + " files entry #" + (i + 1));
        m.checkKeys(Set.of("source", "destination"), Map.of());
        out.add(
            new FilesSpec.Mapping(
                m.requiredString("source", "add source = \"dir-or-file\""),
                m.requiredString("destination", "add destination = \"/guest/path\"")));
      } else {
        c.problem("files", "files entry #" + (i + 1) + " must be a glob string or a table");
      }
    }
    return out;
  }

  private static LimitsSpec limits(Section c) {
    Optional<Section> found = c.table("limits", c.name() + " limits");
    if (found.isEmpty()) {
      return LimitsSpec.none();
    }
    Section l = found.get();
    l.checkKeys(LIMIT_KEYS, Map.of());
    return new LimitsSpec(
        text(l, "max_memory"),
        text(l, "timeout"),
        text(l, "max_request_body"),
        text(l, "max_response"));
  }

  /** A limit as written: a string, or an integer kept as its digits. */
  private static Optional<String> text(Section l, String key) {
    Optional<Object> raw = l.raw(key);
    if (raw.isPresent() && raw.get() instanceof Long n) {
      return Optional.of(Long.toString(n));
    }
    if (raw.isPresent() && !(raw.get() instanceof String)) {
      String example = key.equals("timeout") ? "\"30s\"" : "\"64MiB\"";
      l.problem(
          key, key + " must be written like " + example + ", not " + Section.describe(raw.get()));
      return Optional.empty();
    }
    return l.string(key);
  }
}
