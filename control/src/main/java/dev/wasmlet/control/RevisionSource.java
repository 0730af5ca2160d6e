package dev.wasmlet.control;

import dev.wasmlet.app.ManifestOverrides;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a deploy uploaded: every file of the app by its relative path, each pinned to a blob digest,
 * which of them is the manifest, the OCI artifact they came from when they were pulled from a
 * registry (empty for a deploy of local files), and the routes and limits it sets over the
 * manifest's (none for most deploys; a Kubernetes WasmApp's spec.routes and spec.limits).
 */
public record RevisionSource(
    String manifest,
    Map<String, String> files,
    Optional<Artifact> artifact,
    ManifestOverrides overrides) {
  public RevisionSource {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** A source without overrides. */
  public RevisionSource(String manifest, Map<String, String> files, Optional<Artifact> artifact) {
    this(manifest, files, artifact, ManifestOverrides.none());
  }
}
