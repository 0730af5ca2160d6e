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

  private final Grant grant;
  private int opened;

  /**
   * What a component was granted, made once when the app loads and shared by its requests.
   *
   * @param component the component's id, for messages
   * @param variables the component's variables, rendered (possibly secret)
   * @param keyValueStores the labels of its {@code key_value_stores}
   * @param sqliteDatabases the labels of its {@code sqlite_databases}
   * @param data the app's stores and databases; null when the host keeps none (every open then
   *     fails with {@code other})
   * @param statementTimeoutSeconds the most one SQL statement may run
   */
  public record Grant(
      String component,
      Map<String, String> variables,
      Set<String> keyValueStores,
      Set<String> sqliteDatabases,
      AppData data,
      int statementTimeoutSeconds) {
    public Grant {
      variables = Map.copyOf(variables);
      keyValueStores = Set.copyOf(keyValueStores);
      sqliteDatabases = Set.copyOf(sqliteDatabases);
    }
  }

  public SpinContext(Grant grant) {
    this.grant = grant;
  }

  public String component() {
    return grant.component();
  }

  Optional<String> variable(String name) {
    return Optional.ofNullable(grant.variables().get(name));
  }

  Map<String, String> variables() {
    return grant.variables();
  }

  boolean mayUseKeyValue(String label) {
    return grant.keyValueStores().contains(label);
  }

  boolean mayUseSqlite(String label) {
    return grant.sqliteDatabases().contains(label);
  }

  AppData data() {
    if (grant.data() == null) {
      throw new SpinException("this host keeps no app data (no data directory was given)", null);
    }
    return grant.data();
  }

  int statementTimeoutSeconds() {
    return grant.statementTimeoutSeconds();
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
