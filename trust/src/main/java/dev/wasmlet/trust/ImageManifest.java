package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest (Docker's schema 2 reads the same): a config blob and layers. Written
 * without timestamps so the same app always has the same digest.
 */
public record ImageManifest(String mediaType, Blob config, List<Blob> layers) {
  static final ObjectMapper JSON = new ObjectMapper();

  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /** The canonical bytes pushed: fields in a fixed order, no whitespace. */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType);
    root.set("config", descriptor(config));
    var arr = root.putArray("layers");
    layers.forEach(l -> arr.add(descriptor(l)));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Reads a manifest.
   *
   * @param what the artifact in messages
   * @throws ArtifactUnsupported when it is not an image manifest
   */
  public static ImageManifest parse(byte[] json, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ArtifactUnsupported(what + ": the manifest is not JSON: " + e.getMessage(), e);
    }
    String mediaType = root.path("mediaType").asText(MediaTypes.OCI_MANIFEST);
    if (!mediaType.equals(MediaTypes.OCI_MANIFEST) && !mediaType.equals(MediaTypes.DOCKER_MANIFEST)
        || !root.path("config").isObject()
        || !root.path("layers").isArray()) {
      throw new ArtifactUnsupported(
          what
              + ": manifest of media type "
              + mediaType
              + " is not an OCI image manifest with a config and layers; push a Spin app or a"
              + " single-module Wasm artifact",
          null);
    }
    List<Blob> layers = new ArrayList<>();
    root.path("layers").forEach(l -> layers.add(blob(l, what)));
    return new ImageManifest(mediaType, blob(root.path("config"), what), layers);
  }

  private static Blob blob(JsonNode n, String what) {
    String digest = n.path("digest").asText("");
    if (!Sha256.isDigest(digest) || !n.path("size").canConvertToLong()) {
      throw new ArtifactUnsupported(
          what + ": descriptor " + n + " has no sha256 digest and size; only sha256 is supported",
          null);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    n.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Blob(n.path("mediaType").asText(""), digest, n.path("size").asLong(), annotations);
  }

  private static ObjectNode descriptor(Blob b) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", b.mediaType());
    n.put("digest", b.digest());
    n.put("size", b.size());
    if (!b.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      new java.util.TreeMap<>(b.annotations()).forEach(a::put);
    }
    return n;
  }
}
