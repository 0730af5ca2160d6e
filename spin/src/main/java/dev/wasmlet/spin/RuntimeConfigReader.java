package dev.wasmlet.spin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a Spin runtime config file the way Spin's {@code crates/runtime-config} does, serving what
 * Wasmlet runs and refusing the rest by name: every problem is reported at once, as {@code
 * file:line: what; what to do}. Spin rejects unknown top-level keys ("unused runtime config
 * key(s)"); Wasmlet also rejects unknown keys inside tables, where Spin ignores some.
 */
final class RuntimeConfigReader {
  /** Top-level keys Spin reads and Wasmlet refuses, with what to do instead. */
  private static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry(
              "state_dir",
              "state_dir is not supported by Wasmlet; give `wasmlet up --data-dir DIR` instead"
                  + " (stores and databases without a path live there)"),
          Map.entry(
              "log_dir",
              "log_dir is not supported by Wasmlet, which writes component output to its own"
                  + " stdout and stderr; remove it"),
          Map.entry(
              "max_instance_memory",
              "max_instance_memory is not supported by Wasmlet; limit memory per component in"
                  + " the manifest (max_memory) and remove it"),
          Map.entry(
              "llm_compute",
              "[llm_compute] is not supported: Wasmlet does not serve Spin's LLM interface;"
                  + " remove it"),
          unsupported("outbound_networking"),
          unsupported("client_tls"),
          unsupported("outbound_http"),
          unsupported("outbound_redis"),
          unsupported("outbound_pg"),
          unsupported("outbound_mysql"),
          unsupported("outbound_mqtt"));

  private static final List<String> SERVED =
      List.of("variables_provider", "config_provider", "key_value_store", "sqlite_database");

  private final Path file;
  private final Path shown;
  private final Path cwd;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Path, String> owners = new HashMap<>();

  private record Problem(int line, String message) {}

  RuntimeConfigReader(Path file, Path cwd) {
    this.shown = file;
    this.file = file.toAbsolutePath().normalize();
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  private static Map.Entry<String, String> unsupported(String key) {
    return Map.entry(
        key,
        "["
            + key
            + "] is Spin runtime configuration that Wasmlet does not support (its own limits"
            + " and settings apply); remove it");
  }

  RuntimeConfig read() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new RuntimeConfigInvalid(
          file,
          List.of(
              shown
                  + ": cannot read the runtime config file ("
                  + (Files.exists(file) ? e.getClass().getSimpleName() : "no such file")
                  + ")"));
    }
    TomlParseResult toml = Toml.parse(text);
    for (TomlParseError e : toml.errors()) {
      add(e.position().line(), "TOML syntax error: " + e.getMessage() + "; fix the TOML syntax");
    }
    List<VariablesProvider> providers = new ArrayList<>();
    Map<String, StorePlacement> keyValue = new TreeMap<>();
    Map<String, StorePlacement> sqlite = new TreeMap<>();
    if (toml.errors().isEmpty()) {
      if (toml.contains(List.of("variables_provider"))
          && toml.contains(List.of("config_provider"))) {
        add(
            line(toml, "config_provider"),
            "give the providers as [[variables_provider]] or [[config_provider]] (its old name),"
                + " not both");
      }
      for (String key : toml.keySet()) {
        switch (key) {
          case "variables_provider", "config_provider" -> providers(toml, key, providers);
          case "key_value_store" -> stores(toml, key, keyValue);
          case "sqlite_database" -> stores(toml, key, sqlite);
          default -> {
            String refused = REFUSED.get(key);
            add(
                line(toml, key),
                refused != null
                    ? refused
                    : "unknown key \""
                        + key
                        + "\"; Wasmlet reads "
                        + String.join(", ", SERVED)
                        + didYouMean(key));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuntimeConfigInvalid(
          file,
          problems.stream()
              .sorted(Comparator.comparingInt(Problem::line))
              .map(p -> shown + ":" + p.line() + ": " + p.message())
              .distinct()
              .toList());
    }
    return new RuntimeConfig(file, providers, keyValue, sqlite);
  }

  private void providers(TomlTable root, String key, List<VariablesProvider> out) {
    TomlArray array = root.isArray(List.of(key)) ? root.getArray(List.of(key)) : null;
    if (array == null || array.toList().stream().anyMatch(e -> !(e instanceof TomlTable))) {
      add(line(root, key), key + " must be an array of tables, written [[" + key + "]]");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      TomlTable t = array.getTable(i);
      int at = position(array.inputPositionOf(i), line(root, key));
      String what = "[[" + key + "]] #" + (i + 1);
      Object type = t.get(List.of("type"));
      switch (type instanceof String s ? s : "") {
        case "env" -> {
          known(t, what + " (type = \"env\")", at, Set.of("type", "prefix", "dotenv_path"));
          String prefix = string(t, "prefix", what, at).orElse(EnvVariables.DEFAULT_PREFIX);
          Optional<Path> dotenv = string(t, "dotenv_path", what, at).flatMap(p -> path(p, cwd, at));
          out.add(new EnvVariables(prefix, dotenv));
        }
        case "static" -> {
          known(t, what + " (type = \"static\")", at, Set.of("type", "values"));
          out.add(new StaticVariables(values(t, what, at)));
        }
        case "vault", "azure_key_vault" ->
            add(
                at,
                what
                    + ": variables provider type \""
                    + type
                    + "\" is not supported by Wasmlet; remove it and give the values with type ="
                    + " \"static\" or \"env\", or as SPIN_VARIABLE_NAME in the environment");
        case "" ->
            add(at, what + " needs type = \"env\" or type = \"static\" (the provider's kind)");
        default ->
            add(
                at,
                what
                    + ": unknown variables provider type \""
                    + type
                    + "\"; Spin's are env, static, vault and azure_key_vault, of which Wasmlet"
                    + " serves env and static");
      }
    }
  }

  private Map<String, String> values(TomlTable t, String what, int at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!t.contains(List.of("values"))) {
      add(at, what + " (type = \"static\") needs values = { name = \"value\", ... }");
      return out;
    }
    if (!t.isTable(List.of("values"))) {
      add(line(t, "values", at), what + ": values must be a table of name = \"value\"");
      return out;
    }
    TomlTable values = t.getTable(List.of("values"));
    for (String name : values.keySet()) {
      if (values.get(List.of(name)) instanceof String v) {
        out.put(name, v);
      } else { // never the value itself: it may be a secret
        add(line(values, name, at), what + ": values." + name + " must be a string");
      }
    }
    return out;
  }

  private void stores(TomlTable root, String kind, Map<String, StorePlacement> out) {
    if (!root.isTable(List.of(kind))) {
      add(line(root, kind), kind + " must be a table of labels, e.g. [" + kind + ".default]");
      return;
    }
    TomlTable all = root.getTable(List.of(kind));
    boolean kv = kind.equals("key_value_store");
    for (String label : all.keySet()) {
      int at = line(all, label, line(root, kind));
      String what = kind + "." + label;
      if (!AppData.LABEL.matcher(label).matches()) {
        add(
            at,
            "\""
                + label
                + "\" is not a label a component can declare (lowercase letters, digits, '-' and"
                + " '_', at most 64)");
        continue;
      }
      if (!all.isTable(List.of(label))) {
        add(at, what + " must be a table, e.g. [" + what + "] type = \"spin\"");
        continue;
      }
      TomlTable t = all.getTable(List.of(label));
      Object type = t.get(List.of("type"));
      switch (type instanceof String s ? s : "") {
        case "spin" -> {
          known(
              t,
              "[" + what + "] (type = \"spin\")",
              at,
              kv ? Set.of("type", "path") : Set.of("type", "path", "allow_attach_file"));
          if (!kv && Boolean.TRUE.equals(t.get(List.of("allow_attach_file")))) {
            add(
                line(t, "allow_attach_file", at),
                "["
                    + what
                    + "] allow_attach_file = true is not supported: Wasmlet never lets a guest"
                    + " ATTACH a file; remove it");
          }
          // relative paths: key-value against this file's directory, SQLite against the
          // current directory, as Spin's key_value_config_resolver and sqlite_config_resolver
          Optional<StorePlacement> p =
              string(t, "path", "[" + what + "]", at)
                  .flatMap(s -> path(s, kv ? file.getParent() : cwd, line(t, "path", at)))
                  .map(f -> placed(what, f, line(t, "path", at)));
          out.put(label, p.orElseGet(StorePlacement::inMemory));
        }
        case "" -> add(at, "[" + what + "] needs type = \"spin\" (an SQLite file)");
        default -> add(at, refusedType(what, (String) type, kv));
      }
    }
  }

  private static String refusedType(String what, String type, boolean kv) {
    Set<String> spinTypes = kv ? Set.of("redis", "azure_cosmos", "aws_dynamo") : Set.of("libsql");
    if (!spinTypes.contains(type)) {
      return "["
          + what
          + "] has unknown type \""
          + type
          + "\"; Spin's are "
          + (kv ? "spin, redis, azure_cosmos and aws_dynamo" : "spin and libsql")
          + ", of which Wasmlet serves spin";
    }
    return "["
        + what
        + "] type \""
        + type
        + "\" is not supported by Wasmlet; use type = \"spin\" (an SQLite file; path = \"...\""
        + " places it) or remove the table to keep it in the app's data directory";
  }

  private StorePlacement placed(String what, Path f, int at) {
    StorePlacement.OnDisk p = (StorePlacement.OnDisk) StorePlacement.file(f);
    p.unusable().ifPresent(why -> add(at, "[" + what + "] path " + p.file() + " " + why));
    String other = owners.putIfAbsent(p.file(), what);
    if (other != null) {
      add(
          at,
          "["
              + what
              + "] path "
              + p.file()
              + " is also the file of ["
              + other
              + "]; give each its own file");
    }
    return p;
  }

  private Optional<Path> path(String written, Path base, int at) {
    if (written.isEmpty()) {
      add(at, "a path must not be empty");
      return Optional.empty();
    }
    try {
      return Optional.of(base.resolve(written).normalize());
    } catch (InvalidPathException e) {
      add(at, "path \"" + written + "\" is not a valid path: " + e.getReason());
      return Optional.empty();
    }
  }

  private Optional<String> string(TomlTable t, String key, String what, int at) {
    Object v = t.get(List.of(key));
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    add(line(t, key, at), what + ": " + key + " must be a string");
    return Optional.empty();
  }

  private void known(TomlTable t, String what, int at, Set<String> keys) {
    for (String k : t.keySet()) {
      if (!keys.contains(k)) {
        add(
            line(t, k, at),
            "unknown key \""
                + k
                + "\" in "
                + what
                + "; it takes "
                + String.join(", ", keys.stream().sorted().toList())
                + didYouMean(k, keys));
      }
    }
  }

  private static String didYouMean(String key) {
    List<String> all = new ArrayList<>(SERVED);
    all.addAll(REFUSED.keySet());
    return didYouMean(key, all);
  }

  private static String didYouMean(String written, java.util.Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(written, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : "; did you mean \"" + best + "\"?";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }

  private void add(int line, String message) {
    problems.add(new Problem(line, message));
  }

  private static int line(TomlTable t, String key) {
    return line(t, key, 1);
  }

  private static int line(TomlTable t, String key, int fallback) {
    return position(t.inputPositionOf(List.of(key)), fallback);
  }

  private static int position(TomlPosition p, int fallback) {
    return p == null ? fallback : p.line();
  }
}
