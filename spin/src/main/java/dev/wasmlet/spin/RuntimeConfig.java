package dev.wasmlet.spin;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spin runtime config file as Wasmlet serves it ({@code wasmlet up --runtime-config-file}):
 * variables providers, and where key-value stores and SQLite databases of {@code type = "spin"}
 * keep their data. Stores and databases it does not name keep the defaults (the app's data
 * directory). Naming a label here grants nothing: a component still opens only the labels its
 * manifest lists.
 *
 * @param file the file, absolute
 * @param variablesProviders in the order written; the first with a value wins
 * @param keyValueStores placements by label
 * @param sqliteDatabases placements by label
 */
public record RuntimeConfig(
    Path file,
    List<VariablesProvider> variablesProviders,
    Map<String, StorePlacement> keyValueStores,
    Map<String, StorePlacement> sqliteDatabases) {
  public RuntimeConfig {
    variablesProviders = List.copyOf(variablesProviders);
    keyValueStores = Map.copyOf(keyValueStores);
    sqliteDatabases = Map.copyOf(sqliteDatabases);
  }

  /**
   * Reads and checks {@code file}; relative SQLite paths resolve against the current directory and
   * relative key-value paths against the file's directory, as in Spin.
   *
   * @throws RuntimeConfigInvalid naming the file, line and fix of every problem
   */
  public static RuntimeConfig read(Path file) {
    return read(file, Path.of("").toAbsolutePath());
  }

  /** As {@link #read(Path)}, with relative SQLite and dotenv paths resolved against {@code cwd}. */
  public static RuntimeConfig read(Path file, Path cwd) {
    return new RuntimeConfigReader(file, cwd).read();
  }

  /**
   * Values for {@code names} from the providers, first provider first; a name none of them has is
   * left out (the environment, then the manifest's default, decide it).
   *
   * @param env the process environment, for {@code type = "env"} providers
   */
  public Map<String, String> variables(Collection<String> names, Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      for (VariablesProvider p : variablesProviders) {
        Optional<String> v = p.value(name, env);
        if (v.isPresent()) {
          out.put(name, v.get());
          break;
        }
      }
    }
    return out;
  }
}
