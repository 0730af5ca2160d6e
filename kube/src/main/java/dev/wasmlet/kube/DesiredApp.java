package dev.wasmlet.kube;

import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.client.RolloutStrategy;
import java.util.List;

/**
 * What each executor placed for a WasmApp must serve.
 *
 * @param app the app's name on the executors (see {@link AppNames})
 * @param digest the artifact's manifest digest, {@code sha256:...}
 * @param hosts the host names it answers for, its Service's DNS names included
 * @param strategy how an executor moves to a new revision
 * @param variables the app's variables and secrets with their values
 * @param overrides spec.routes and spec.limits, set over the artifact's manifest
 */
record DesiredApp(
    String app,
    String digest,
    List<String> hosts,
    RolloutStrategy strategy,
    AppVariables variables,
    ManifestOverrides overrides) {
  DesiredApp {
    hosts = List.copyOf(hosts);
  }
}
