package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.ManifestOverrides;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deploy request: the app's files by digest (uploaded first), which of them is the manifest, and
 * how to roll it out and route to it.
 *
 * @param manifest the manifest's path among {@code files}
 * @param files relative path ('/'-separated) to {@code sha256:<hex>}
 * @param hosts host names to route; none keeps the server's default (any host)
 * @param prefix path prefix; empty keeps the server's default ({@code /<app>} without hosts)
 * @param admission guests at once and waiting requests; empty keeps the app's or the default
 * @param artifact the registry artifact the files were pulled from; empty for local files
 * @param overrides routes and limits over the manifest's, which stays as it was (signed)
 */
public record Deployment(
    String manifest,
    Map<String, String> files,
    RolloutStrategy strategy,
    List<String> hosts,
    Optional<String> prefix,
    Optional<Admission> admission,
    Optional<DeployedArtifact> artifact,
    ManifestOverrides overrides) {
  public Deployment {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    hosts = List.copyOf(hosts);
  }

  /** A deployment of the manifest's own routes and limits. */
  public Deployment(
      String manifest,
      Map<String, String> files,
      RolloutStrategy strategy,
      List<String> hosts,
      Optional<String> prefix,
      Optional<Admission> admission,
      Optional<DeployedArtifact> artifact) {
    this(manifest, files, strategy, hosts, prefix, admission, artifact, ManifestOverrides.none());
  }

  JsonNode toJson() {
    ObjectNode o = Json.object();
    o.put("manifest", manifest);
    ObjectNode f = o.putObject("files");
    files.forEach(f::put);
    o.set("strategy", strategy.toJson());
    if (!hosts.isEmpty() || prefix.isPresent()) {
      ObjectNode r = o.putObject("routing");
      ArrayNode h = r.putArray("hosts");
      hosts.forEach(h::add);
      prefix.ifPresent(p -> r.put("prefix", p));
    }
    admission.ifPresent(
        a -> {
          ObjectNode n = o.putObject("admission");
          n.put("maxConcurrency", a.maxConcurrency());
          n.put("maxQueue", a.maxQueue());
        });
    artifact.ifPresent(a -> o.set("artifact", a.toJson()));
    if (!overrides.isEmpty()) {
      o.set("overrides", OverridesJson.write(overrides));
    }
    return o;
  }
}
