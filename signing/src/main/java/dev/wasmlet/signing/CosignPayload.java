package dev.wasmlet.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The simple-signing payload cosign signs in its legacy layout: {@code {"critical": {"identity":
 * {"docker-reference": ...}, "image": {"docker-manifest-digest": "sha256:..."}, "type": "cosign
 * container image signature"}, "optional": ...}}. Only {@code critical} is judged; {@code optional}
 * is unsigned-in-meaning metadata and is ignored.
 */
record CosignPayload(String manifestDigest) {
  /** The only {@code critical.type} accepted. */
  static final String TYPE = "cosign container image signature";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a payload; {@link BundleInvalid} names what is wrong with it. */
  static CosignPayload parse(byte[] json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new BundleInvalid("payload is not valid JSON", e);
    }
    if (o == null || !o.isObject() || !o.path("critical").isObject()) {
      throw new BundleInvalid("payload is not a cosign simple-signing payload (no \"critical\")");
    }
    JsonNode critical = o.get("critical");
    String type = critical.path("type").asText("");
    if (!TYPE.equals(type)) {
      throw new BundleInvalid(
          "payload's critical.type is " + KeySearch.shown(type) + ", expected \"" + TYPE + "\"");
    }
    String digest = critical.path("image").path("docker-manifest-digest").asText("");
    if (!DIGEST.matcher(digest).matches()) {
      throw new BundleInvalid(
          "payload's critical.image.docker-manifest-digest is "
              + KeySearch.shown(digest)
              + ", expected sha256:<64 lower-case hex digits>");
    }
    return new CosignPayload(digest);
  }
}
