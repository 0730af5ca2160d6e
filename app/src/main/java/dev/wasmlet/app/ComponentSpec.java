package dev.wasmlet.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [component.X]} table as written: paths unresolved, variable templates unrendered,
 * limits as text.
 *
 * @param source the module path relative to the manifest directory
 * @param variables component variable name to template, e.g. {@code "{{ api_version }}"}
 * @param buildCommand {@code [component.X.build] command}; informational, never run
 * @param keyValueStores the labels of {@code key_value_stores}, as written
 * @param sqliteDatabases the labels of {@code sqlite_databases}, as written
 */
public record ComponentSpec(
    String id,
    String source,
    Optional<String> description,
    List<FilesSpec> files,
    List<String> excludeFiles,
    Map<String, String> environment,
    List<String> allowedOutboundHosts,
    Map<String, String> variables,
    Optional<String> buildCommand,
    LimitsSpec limits,
    List<String> keyValueStores,
    List<String> sqliteDatabases) {
  public ComponentSpec {
    files = List.copyOf(files);
    excludeFiles = List.copyOf(excludeFiles);
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    allowedOutboundHosts = List.copyOf(allowedOutboundHosts);
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    keyValueStores = List.copyOf(keyValueStores);
    sqliteDatabases = List.copyOf(sqliteDatabases);
  }
}
