package dev.wasmlet.app;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the app's {@code [variables]} and resolves each to its value: the one given when locking,
 * else its default. A required variable without a value is a problem.
 */
final class VariablesResolver {
  private VariablesResolver() {}

  /** Every variable's value, secrets included, by name. */
  static Map<String, String> resolve(Manifest m, Map<String, String> given, Problems problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (VariableSpec v : m.variables().values()) {
      int line = m.lines().line("variables", v.name());
      String what = "variable \"" + v.name() + "\"";
      if (!Templates.VARIABLE_NAME.matcher(v.name()).matches()) {
        problems.add(
            line,
            what
                + ": names are lowercase letters, digits and '_', starting with a letter ([a-z][a-z0-9_]*)");
        continue;
      }
      if (v.required() && v.defaultValue().isPresent()) {
        problems.add(line, what + " is required and has a default; keep one of the two");
        continue;
      }
      if (!v.required() && v.defaultValue().isEmpty()) {
        problems.add(
            line, what + " needs a default or required = true, e.g. { default = \"value\" }");
        continue;
      }
      String value =
          given.containsKey(v.name()) ? given.get(v.name()) : v.defaultValue().orElse(null);
      if (value == null) {
        problems.add(
            line, what + " is required but has no value; give it one when starting the app");
        continue;
      }
      values.put(v.name(), value);
    }
    for (String name : given.keySet()) {
      if (!m.variables().containsKey(name)) {
        problems.add(
            m.lines().line("variables"),
            "a value was given for variable \""
                + name
                + "\", which [variables] does not declare"
                + Suggestions.didYouMean(name, m.variables().keySet()));
      }
    }
    return values;
  }

  /** The values of the variables that are not secret. */
  static Map<String, String> visible(Manifest m, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (!m.variables().get(name).secret()) {
            out.put(name, value);
          }
        });
    return out;
  }
}
