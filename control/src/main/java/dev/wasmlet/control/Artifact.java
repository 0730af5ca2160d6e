package dev.wasmlet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The OCI artifact a deploy's files came from, as the deploy carried it: the reference it was
 * pulled by, its manifest and config exactly as the registry served them, the locked-app layer of
 * an artifact pushed by Spin 2 or later, and the signature and provenance bundles filed with it.
 * Kept with the revision, so the server can prove the revision against its policy at deploy time
 * and again at every restart.
 */
record Artifact(
    String reference,
    byte[] manifest,
    byte[] config,
    Optional<byte[]> lockedApp,
    List<byte[]> signatures,
    List<byte[]> provenances) {
  /** More bundles of one kind than any honest artifact has: refused, not verified one by one. */
  static final int MAX_BUNDLES = 16;

  Artifact {
    signatures = List.copyOf(signatures);
    provenances = List.copyOf(provenances);
  }

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
    lockedApp.ifPresent(l -> o.put("lockedApp", b64.encodeToString(l)));
    ArrayNode s = o.putArray("signatures");
    signatures.forEach(b -> s.add(b64.encodeToString(b)));
    ArrayNode p = o.putArray("provenances");
    provenances.forEach(b -> p.add(b64.encodeToString(b)));
    return o;
  }

  /**
   * Reads the {@code artifact} object of a deploy request (or of a stored revision).
   *
   * @throws ApiProblem 400 naming the field that is missing, not base64 or too long
   */
  static Artifact fromJson(JsonNode n) {
    if (!n.isObject()) {
      throw ApiProblem.invalid("\"artifact\" must be an object");
    }
    return new Artifact(
        text(n.get("reference"), "reference").orElseThrow(() -> missing("reference")),
        bytes(n.get("manifest"), "manifest").orElseThrow(() -> missing("manifest")),
        bytes(n.get("config"), "config").orElseThrow(() -> missing("config")),
        bytes(n.get("lockedApp"), "lockedApp"),
        list(n, "signatures"),
        list(n, "provenances"));
  }

  private static ApiProblem missing(String field) {
    return ApiProblem.invalid("\"artifact\" needs \"" + field + "\"");
  }

  private static List<byte[]> list(JsonNode n, String field) {
    JsonNode a = n.get(field);
    List<byte[]> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isArray()) {
      throw ApiProblem.invalid("artifact." + field + " must be an array of base64 strings");
    }
    if (a.size() > MAX_BUNDLES) {
      throw ApiProblem.invalid(
          "artifact." + field + " has " + a.size() + " bundles; at most " + MAX_BUNDLES);
    }
    for (int i = 0; i < a.size(); i++) {
      out.add(bytes(a.get(i), field + "[" + i + "]").orElseThrow(() -> missing(field)));
    }
    return out;
  }

  private static Optional<String> text(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiProblem.invalid("artifact." + field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  private static Optional<byte[]> bytes(JsonNode v, String field) {
    Optional<String> t = text(v, field);
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
