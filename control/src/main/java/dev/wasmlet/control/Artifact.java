package dev.wasmlet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The OCI artifact a deploy's files came from, as the deploy carried it: the reference it was
 * pulled by, its manifest and config exactly as the registry served them, and the signature and
 * provenance bundles filed with it. Kept with the revision, so the server can prove the revision
 * against its policy at deploy time and again at every restart.
 */
record Artifact(
    String reference,
    byte[] manifest,
    byte[] config,
    Optional<byte[]> signature,
    Optional<byte[]> provenance) {

  /** The manifest digest ({@code sha256:<hex>}): what signatures and provenance name. */
  String digest() {
    return sha256(manifest);
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode o = Json.object();
    o.put("reference", reference);
    o.put("manifest", b64.encodeToString(manifest));
    o.put("config", b64.encodeToString(config));
    signature.ifPresent(s -> o.put("signature", b64.encodeToString(s)));
    provenance.ifPresent(p -> o.put("provenance", b64.encodeToString(p)));
    return o;
  }

  /**
   * Reads the {@code artifact} object of a deploy request (or of a stored revision).
   *
   * @throws ApiProblem 400 naming the field that is missing or not base64
   */
  static Artifact fromJson(JsonNode n) {
    if (!n.isObject()) {
      throw ApiProblem.invalid("\"artifact\" must be an object");
    }
    return new Artifact(
        text(n, "reference").orElseThrow(() -> missing("reference")),
        bytes(n, "manifest").orElseThrow(() -> missing("manifest")),
        bytes(n, "config").orElseThrow(() -> missing("config")),
        bytes(n, "signature"),
        bytes(n, "provenance"));
  }

  private static ApiProblem missing(String field) {
    return ApiProblem.invalid("\"artifact\" needs \"" + field + "\"");
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiProblem.invalid("artifact." + field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  private static Optional<byte[]> bytes(JsonNode n, String field) {
    Optional<String> t = text(n, field);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(t.get()));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("artifact." + field + " is not base64: " + e.getMessage());
    }
  }
}
