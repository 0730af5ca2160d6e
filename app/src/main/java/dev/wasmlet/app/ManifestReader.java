package dev.wasmlet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads a manifest file into the lenient {@link Manifest}: TOML syntax, the format and its version,
 * the shape and types of every table, unknown keys. Each problem is added to {@link Problems} and
 * reading goes on, so one pass reports them all; only a TOML syntax error stops it.
 */
final class ManifestReader {
  private static final Set<String> TOP_KEYS =
      Set.of(
          "wasmlet_manifest_version",
          "spin_manifest_version",
          "application",
          "variables",
          "trigger",
          "component");
  private static final Set<String> APPLICATION_KEYS =
      Set.of("name", "version", "description", "authors", "trigger", "health");
  private static final Set<String> SPIN_APPLICATION_KEYS =
      Set.of("name", "version", "description", "authors", "trigger");

  /** Wasmlet keys that Spin's [application] rejects, so a spin.toml holding them no longer runs. */
  private static final Map<String, String> WASMLET_ONLY_APPLICATION_KEYS =
      Map.of(
          "health",
          "health is a Wasmlet key, and Spin rejects unknown [application] keys; declare the"
              + " health route in a wasmlet.toml (wasmlet_manifest_version = 1) instead");

  private static final Set<String> VARIABLE_KEYS = Set.of("default", "required", "secret");

  private ManifestReader() {}

  static Optional<Manifest> read(Path file, Problems problems) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new AppException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
    TomlParseResult toml = Toml.parse(text);
    if (!toml.errors().isEmpty()) {
      for (TomlParseError e : toml.errors()) {
        problems.add(
            e.position().line(),
            e.position().column(),
            "TOML syntax error: " + e.getMessage() + "; fix the TOML syntax");
      }
      return Optional.empty();
    }
    Lines lines = new Lines(toml);
    Section root = new Section(toml, List.of(), "", lines, problems);
    if (root.has("spin_version")) {
      root.problem(
          "spin_version",
          "spin_version = \"1\" is a Spin manifest version 1, which Wasmlet does not read;"
              + " convert it to spin_manifest_version = 2");
      return Optional.empty();
    }
    ManifestFormat format = format(root, problems);
    long version = version(root, format);
    if (version != format.supportedVersion()) {
      return Optional.empty(); // another version has another shape: reading on only misleads
    }
    root.checkKeys(TOP_KEYS, Map.of());
    ApplicationSpec application = application(root, format, problems);
    Map<String, VariableSpec> variables = variables(root);
    List<TriggerReader.Read> read = TriggerReader.read(root);
    Map<String, ComponentSpec> components = ComponentReader.read(root);
    List<TriggerSpec> triggers = Normalizer.normalize(read, components, lines);
    return Optional.of(
        new Manifest(file, format, version, application, variables, triggers, components, lines));
  }

  private static ManifestFormat format(Section root, Problems problems) {
    boolean wasmlet = root.has(ManifestFormat.WASMLET.versionKey());
    boolean spin = root.has(ManifestFormat.SPIN.versionKey());
    if (wasmlet && spin) {
      root.problem(
          "spin_manifest_version",
          "a manifest has either wasmlet_manifest_version or spin_manifest_version, not both;"
              + " remove one");
    } else if (!wasmlet && !spin) {
      problems.add(
          1,
          "missing manifest version; start the file with wasmlet_manifest_version = 1"
              + " (or spin_manifest_version = 2 for a Spin manifest)");
    }
    return spin && !wasmlet ? ManifestFormat.SPIN : ManifestFormat.WASMLET;
  }

  private static long version(Section root, ManifestFormat format) {
    String key = format.versionKey();
    Optional<Object> raw = root.raw(key);
    if (raw.isEmpty()) {
      return format.supportedVersion();
    }
    Object value = raw.get();
    long written = value instanceof Long l ? l : -1;
    if (value instanceof String s && s.matches("[0-9]{1,9}")) {
      written = Long.parseLong(s);
    }
    if (written != format.supportedVersion()) {
      root.problem(
          key,
          key
              + " "
              + (written < 0 ? String.valueOf(value) : written)
              + " is not supported; this Wasmlet reads "
              + key
              + " = "
              + format.supportedVersion());
    }
    return written;
  }

  private static ApplicationSpec application(
      Section root, ManifestFormat format, Problems problems) {
    Optional<Section> found = root.table("application", "[application]");
    if (found.isEmpty()) {
      if (!root.has("application")) {
        problems.add(1, "missing [application] table; add [application] with name = \"my-app\"");
      }
      return new ApplicationSpec(
          "", Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
    Section app = found.get();
    boolean spin = format == ManifestFormat.SPIN;
    app.checkKeys(
        spin ? SPIN_APPLICATION_KEYS : APPLICATION_KEYS,
        spin ? WASMLET_ONLY_APPLICATION_KEYS : Map.of());
    String name = app.requiredString("name", "add name = \"my-app\" to [application]");
    Optional<String> base = Optional.empty();
    Optional<Section> triggers = app.table("trigger", "[application.trigger]");
    if (triggers.isPresent()) {
      triggers.get().checkKeys(Set.of("http"), Map.of());
      Optional<Section> http = triggers.get().table("http", "[application.trigger.http]");
      if (http.isPresent()) {
        http.get().checkKeys(Set.of("base"), Map.of());
        base = http.get().string("base");
      }
    }
    return new ApplicationSpec(
        name,
        app.string("version"),
        app.string("description"),
        app.strings("authors"),
        base,
        spin ? Optional.empty() : app.string("health"));
  }

  private static Map<String, VariableSpec> variables(Section root) {
    Map<String, VariableSpec> out = new LinkedHashMap<>();
    Optional<Section> found = root.table("variables", "[variables]");
    if (found.isEmpty()) {
      return out;
    }
    Section variables = found.get();
    for (String name : variables.table().keySet()) {
      if (!(variables.raw(name).orElseThrow() instanceof TomlTable)) {
        variables.problem(
            name,
            "variable \""
                + name
                + "\" must be a table such as { default = \"value\" } or { required = true }");
        continue;
      }
      Section v = variables.table(name, "variable \"" + name + "\"").orElseThrow();
      v.checkKeys(VARIABLE_KEYS, Map.of());
      out.put(
          name,
          new VariableSpec(
              name,
              v.string("default"),
              v.bool("required").orElse(false),
              v.bool("secret").orElse(false)));
    }
    return out;
  }
}
