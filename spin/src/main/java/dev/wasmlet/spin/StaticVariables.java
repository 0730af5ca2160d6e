package dev.wasmlet.spin;

import java.util.Map;
import java.util.Optional;

/**
 * Spin's {@code type = "static"} variables provider: values written in the runtime config itself,
 * {@code values = { name = "value" }}, keyed by variable name.
 */
public record StaticVariables(Map<String, String> values) implements VariablesProvider {
  public StaticVariables {
    values = Map.copyOf(values);
  }

  @Override
  public Optional<String> value(String name, Map<String, String> env) {
    return Optional.ofNullable(values.get(name));
  }

  @Override
  public String toString() {
    return "StaticVariables" + values.keySet(); // names only: values may be secrets
  }
}
