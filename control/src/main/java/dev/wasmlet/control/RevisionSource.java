package dev.wasmlet.control;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a deploy uploaded: every file of the app by its relative path, each pinned to a blob digest,
 * and which of them is the manifest.
 */
public record RevisionSource(String manifest, Map<String, String> files) {
  public RevisionSource {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
