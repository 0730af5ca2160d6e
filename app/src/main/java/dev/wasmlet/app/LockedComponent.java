package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One component of a locked app, pinned to the digest of its module.
 *
 * @param source the module file: absolute, symlinks resolved
 * @param sha256 lowercase hex SHA-256 of the module bytes when the app was locked
 * @param files every file and directory the guest sees, read-only
 * @param environment the static environment as written in the manifest
 * @param variables component variables with their templates rendered (may hold secrets: {@link
 *     #toString()} shows their names only)
 * @param allowedOutboundHosts kept for when outbound HTTP arrives; nothing is reachable yet
 * @param isComponent the source is a WebAssembly component (run through {@code wasi:http}), not a
 *     core module
 * @param keyValueStores the key-value store labels the component may open (Spin's {@code
 *     key_value_stores}; {@code default} needs no configuration)
 * @param sqliteDatabases the SQLite database labels it may open ({@code sqlite_databases})
 */
public record LockedComponent(
    String id,
    Path source,
    String sha256,
    long sizeBytes,
    List<FileMount> files,
    Map<String, String> environment,
    Map<String, String> variables,
    List<String> allowedOutboundHosts,
    Limits limits,
    boolean isComponent,
    List<String> keyValueStores,
    List<String> sqliteDatabases) {
  public LockedComponent {
    files = List.copyOf(files);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    allowedOutboundHosts = List.copyOf(allowedOutboundHosts);
    keyValueStores = List.copyOf(keyValueStores);
    sqliteDatabases = List.copyOf(sqliteDatabases);
  }

  /** Names variables without their values, which may be secrets. */
  @Override
  public String toString() {
    return "LockedComponent[id="
        + id
        + ", source="
        + source
        + ", sha256="
        + sha256
        + ", sizeBytes="
        + sizeBytes
        + ", files="
        + files
        + ", environment="
        + environment.keySet()
        + ", variables="
        + variables.keySet()
        + ", allowedOutboundHosts="
        + allowedOutboundHosts
        + ", limits="
        + limits
        + ", isComponent="
        + isComponent
        + ", keyValueStores="
        + keyValueStores
        + ", sqliteDatabases="
        + sqliteDatabases
        + "]";
  }
}
