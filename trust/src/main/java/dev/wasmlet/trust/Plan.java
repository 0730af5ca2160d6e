package dev.wasmlet.trust;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an artifact lays out as ({@link AppLayout#plan}): each file's path in the app, in layer
 * order, and where its bytes come from.
 *
 * @param manifest the path of the app's manifest among {@code files}: the one a deploy of this
 *     artifact must name
 * @param plainModule whether the artifact was a single Wasm module for which a manifest is written
 */
public record Plan(Map<String, Plan.Content> files, String manifest, boolean plainModule) {
  public Plan {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    if (!files.containsKey(manifest)) {
      throw new IllegalArgumentException("the manifest " + manifest + " is not among the files");
    }
  }

  /** Where a file's bytes come from. */
  public sealed interface Content permits Layer, Written {}

  /** Copied from the layer with this digest. */
  public record Layer(String digest) implements Content {}

  /**
   * Written by the layout: a manifest for a plain module or a Spin app, or content Spin inlined.
   */
  public record Written(byte[] bytes) implements Content {}

  /** Each file's content digest ({@code sha256:<hex>}) by path. */
  public Map<String, String> digests() {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach(
        (path, c) ->
            out.put(
                path,
                switch (c) {
                  case Layer l -> l.digest();
                  case Written w -> Sha256.of(w.bytes());
                }));
    return out;
  }
}
