package dev.wasmlet.trust;

import java.util.Map;

/**
 * An OCI descriptor: a blob's media type, digest, size and annotations.
 *
 * @param annotations in the order written; empty when there are none
 */
public record Blob(String mediaType, String digest, long size, Map<String, String> annotations) {
  public Blob {
    annotations = Map.copyOf(annotations);
  }

  /** The layer's path in the app directory, from its title annotation, if it has one. */
  public java.util.Optional<String> title() {
    return java.util.Optional.ofNullable(annotations.get(MediaTypes.TITLE));
  }
}
