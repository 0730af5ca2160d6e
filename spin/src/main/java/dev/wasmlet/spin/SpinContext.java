package dev.wasmlet.spin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one request of one component may use of Spin's platform interfaces, attached to the
 * request's {@code Store}: the component's variables (rendered, possibly secret), the key-value
 * stores and SQLite databases its manifest declares, and the app's data. Nothing is ambient: a
 * label the manifest does not list is {@code access-denied}. Not shared between requests.
 */
public final class SpinContext {
  /** Stores and connections one request may open (Spin's resource table capacity). */
  public static final int MAX_OPEN = 256;

  private final String component;
  private final Map<String, String> variables;
  private final Set<String> keyValueStores;
  private final Set<String> sqliteDatabases;
  private final AppData data;
  private final int statementTimeoutSeconds;
  private int opened;

  /**
   * @param component the component's id, for messages
   * @param variables the component's variables, rendered
   * @param keyValueStores the labels of its {@code key_value_stores}
   * @param sqliteDatabases the labels of its {@code sqlite_databases}
   * @param data the app's stores and databases
   * @param statementTimeoutSeconds the most one SQL statement may run
   */
  public SpinContext(
      String component,
      Map<String, String> variables,
      Set<String> keyValueStores,
      Set<String> sqliteDatabases,
      AppData data,
      int statementTimeoutSeconds) {
    this.component = component;
    this.variables = Map.copyOf(variables);
    this.keyValueStores = Set.copyOf(keyValueStores);
    this.sqliteDatabases = Set.copyOf(sqliteDatabases);
    this.data = data;
    this.statementTimeoutSeconds = statementTimeoutSeconds;
  }

  public String component() {
    return component;
  }

  Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  Map<String, String> variables() {
    return variables;
  }

  boolean mayUseKeyValue(String label) {
    return keyValueStores.contains(label);
  }

  boolean mayUseSqlite(String label) {
    return sqliteDatabases.contains(label);
  }

  AppData data() {
    return data;
  }

  int statementTimeoutSeconds() {
    return statementTimeoutSeconds;
  }

  /** Counts one more open store or connection; false when the request has {@link #MAX_OPEN}. */
  boolean open() {
    if (opened >= MAX_OPEN) {
      return false;
    }
    opened++;
    return true;
  }

  void closed() {
    opened--;
  }
}
