package dev.wasmlet.spin;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spin's {@code type = "env"} variables provider: variable {@code name} is the environment variable
 * {@code PREFIX_NAME} ({@code PREFIX} defaults to {@code SPIN_VARIABLE}), else that key in the
 * dotenv file, when one is given; a missing dotenv file holds nothing (as in Spin).
 */
public final class EnvVariables implements VariablesProvider {
  /** Spin's {@code DEFAULT_ENV_PREFIX}. */
  public static final String DEFAULT_PREFIX = "SPIN_VARIABLE";

  private final String prefix;
  private final Optional<Path> dotenv;
  private Map<String, String> dotenvValues;

  public EnvVariables(String prefix, Optional<Path> dotenv) {
    this.prefix = prefix;
    this.dotenv = dotenv;
  }

  public String prefix() {
    return prefix;
  }

  public Optional<Path> dotenv() {
    return dotenv;
  }

  @Override
  public Optional<String> value(String name, Map<String, String> env) {
    // Spin joins prefix and name with '_' even when the prefix is empty
    String key = prefix + "_" + name.toUpperCase(Locale.ROOT);
    String v = env.get(key);
    if (v != null) {
      return Optional.of(v);
    }
    return dotenv.map(this::dotenvValues).map(m -> m.get(key));
  }

  private synchronized Map<String, String> dotenvValues(Path file) {
    if (dotenvValues == null) {
      dotenvValues = Dotenv.read(file);
    }
    return dotenvValues;
  }

  @Override
  public String toString() {
    return "EnvVariables[prefix="
        + prefix
        + ", dotenv="
        + dotenv.map(Path::toString).orElse("-")
        + "]";
  }
}
