package dev.wasmlet.cli;

import dev.wasmlet.spin.RuntimeConfig;
import dev.wasmlet.spin.RuntimeConfigInvalid;
import dev.wasmlet.spin.StorePlacement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Spin runtime config file given with {@code --runtime-config-file}, for the CLI. */
final class RuntimeConfigs {
  private RuntimeConfigs() {}

  /** Reads {@code file}; a problem is the operator's to fix, so it is a usage error. */
  static RuntimeConfig read(Path file) {
    try {
      return RuntimeConfig.read(file);
    } catch (RuntimeConfigInvalid e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /**
   * One line, as Spin's "Using runtime config [key_value_store.default: spin] from FILE": where
   * each placed store lives and how many variables providers there are; never a value.
   */
  static String describe(RuntimeConfig rc) {
    List<String> parts = new ArrayList<>();
    rc.keyValueStores().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add("key_value_store." + e.getKey() + ": " + where(e.getValue())));
    rc.sqliteDatabases().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add("sqlite_database." + e.getKey() + ": " + where(e.getValue())));
    if (!rc.variablesProviders().isEmpty()) {
      parts.add("variables providers: " + rc.variablesProviders().size());
    }
    return "using runtime config " + rc.file() + " [" + String.join(", ", parts) + "]";
  }

  private static String where(StorePlacement p) {
    return switch (p) {
      case StorePlacement.OnDisk d -> d.file().toString();
      case StorePlacement.InMemory m -> "in memory";
    };
  }
}
