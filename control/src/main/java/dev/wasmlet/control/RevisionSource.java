package dev.wasmlet.control;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a deploy uploaded: every file of the app by its relative path, each pinned to a blob digest,
 * which of them is the manifest, and the OCI artifact they came from when they were pulled from a
 * registry (empty for a deploy of local files).
 */
public record RevisionSource(
    String manifest, Map<String, String> files, Optional<Artifact> artifact) {
  public RevisionSource {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
