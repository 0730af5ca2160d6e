package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * One TOML table of a manifest being read: typed look-ups that report a wrong type as a problem (at
 * the key's line, named after the section) instead of failing, so reading goes on.
 */
final class Section {
  private final TomlTable table;
  private final List<Object> path;
  private final String name;
  private final Lines lines;
  private final Problems problems;

  Section(TomlTable table, List<Object> path, String name, Lines lines, Problems problems) {
    this.table = table;
    this.path = List.copyOf(path);
    this.name = name;
    this.lines = lines;
    this.problems = problems;
  }

  /** Another table of the same manifest, e.g. an element of an array of tables. */
  Section at(TomlTable other, List<Object> otherPath, String otherName) {
    return new Section(other, otherPath, otherName, lines, problems);
  }

  String name() {
    return name;
  }

  TomlTable table() {
    return table;
  }

  List<Object> path() {
    return path;
  }

  int line() {
    return lines.line(path.toArray());
  }

  int line(Object... steps) {
    List<Object> full = new ArrayList<>(path);
    full.addAll(List.of(steps));
    return lines.line(full.toArray());
  }

  boolean has(String key) {
    return table.get(List.of(key)) != null;
  }

  Optional<Object> raw(String key) {
    return Optional.ofNullable(table.get(List.of(key)));
  }

  void problem(String key, String message) {
    problems.add(line(key), prefix() + message);
  }

  String prefix() {
    return name.isEmpty() ? "" : name + ": ";
  }

  Optional<String> string(String key) {
    Object value = table.get(List.of(key));
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    problem(key, key + " must be a string, not " + describe(value));
    return Optional.empty();
  }

  /** A required string; a missing one is reported with {@code fix} and answered as "". */
  String requiredString(String key, String fix) {
    if (!has(key)) {
      problems.add(line(), prefix() + "missing " + key + "; " + fix);
      return "";
    }
    return string(key).orElse("");
  }

  Optional<Boolean> bool(String key) {
    Object value = table.get(List.of(key));
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    problem(key, key + " must be true or false, not " + describe(value));
    return Optional.empty();
  }

  List<String> strings(String key) {
    Object value = table.get(List.of(key));
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof TomlArray array)) {
      problem(key, key + " must be an array of strings, not " + describe(value));
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) instanceof String s) {
        out.add(s);
      } else {
        problems.add(line(key, i), prefix() + key + " must hold strings only");
        return out;
      }
    }
    return out;
  }

  /** An inline table of strings such as {@code environment = { KEY = "value" }}. */
  Map<String, String> stringTable(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    table(key, name + " " + key)
        .ifPresent(
            t -> {
              for (String k : t.table.keySet()) {
                t.string(k).ifPresent(v -> out.put(k, v));
              }
            });
    return out;
  }

  Optional<Section> table(String key, String sectionName) {
    Object value = table.get(List.of(key));
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof TomlTable t) {
      List<Object> sub = new ArrayList<>(path);
      sub.add(key);
      return Optional.of(new Section(t, sub, sectionName, lines, problems));
    }
    problem(key, key + " must be a table, not " + describe(value));
    return Optional.empty();
  }

  /**
   * Reports every key that is not {@code known}: with the message of {@code unsupported} when it is
   * a key Wasmlet recognises but does not act on, else with a "did you mean".
   */
  void checkKeys(Set<String> known, Map<String, String> unsupported) {
    for (String key : table.keySet()) {
      if (known.contains(key)) {
        continue;
      }
      if (unsupported.containsKey(key)) {
        problem(key, unsupported.get(key));
        continue;
      }
      String hint = Suggestions.didYouMean(key, known);
      if (hint.isEmpty()) {
        hint = "; expected one of: " + String.join(", ", new TreeSet<>(known));
      }
      String what = name.isEmpty() ? "unknown top-level key" : "unknown key";
      problem(key, what + " \"" + key + "\"" + hint);
    }
  }

  static String describe(Object value) {
    if (value instanceof String) {
      return "a string";
    } else if (value instanceof Long || value instanceof Double) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof TomlTable) {
      return "a table";
    } else if (value instanceof TomlArray) {
      return "an array";
    }
    return "a date or time";
  }
}
