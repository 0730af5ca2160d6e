package dev.wasmlet.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables and home directory the client's defaults come from: the process's own,
 * or given (tests).
 */
public record HostEnvironment(Map<String, String> variables, Path home) {
  public HostEnvironment {
    variables = Map.copyOf(variables);
  }

  /** This process's environment and {@code user.home}. */
  public static HostEnvironment system() {
    return new HostEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A variable's value; unset and blank are the same. */
  public Optional<String> variable(String name) {
    String v = variables.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
