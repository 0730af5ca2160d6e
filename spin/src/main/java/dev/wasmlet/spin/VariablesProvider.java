package dev.wasmlet.spin;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code [[variables_provider]]} of a runtime config: a source of values for the app's
 * variables, asked in the order the file lists them (the first that has a value wins), as Spin's
 * {@code spin_expressions::ProviderResolver} does.
 */
public sealed interface VariablesProvider permits EnvVariables, StaticVariables {
  /**
   * The value of variable {@code name} (a manifest variable name, lowercase), if this provider has
   * one.
   *
   * @param env the process environment
   */
  Optional<String> value(String name, Map<String, String> env);
}
