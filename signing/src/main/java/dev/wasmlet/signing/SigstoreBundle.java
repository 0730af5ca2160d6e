package dev.wasmlet.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A key-based Sigstore bundle v0.3: {@code verificationMaterial.publicKey.hint} names the signing
 * key (Wasmlet writes its {@link Keys#keyId}; other signers write other forms, or none, so {@code
 * keyHint} is empty when absent and is never proof of anything), {@code dsseEnvelope} holds the
 * signed statement, and there are no transparency-log entries or timestamps (no Rekor, no TSA
 * here).
 */
public record SigstoreBundle(String keyHint, DsseEnvelope envelope) {
  /** The only media type read and written. */
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Signs a payload into a bundle whose hint is the public key's id. */
  public static SigstoreBundle sign(
      String payloadType, byte[] payload, PrivateKey key, PublicKey publicKey) {
    return new SigstoreBundle(
        Keys.keyId(publicKey), Dsse.sign(payloadType, payload, key, publicKey));
  }

  /** The bundle as JSON bytes (the protobuf-specs JSON form). */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", MEDIA_TYPE);
    ObjectNode material = root.putObject("verificationMaterial");
    ObjectNode publicKey = material.putObject("publicKey");
    if (!keyHint.isEmpty()) {
      publicKey.put("hint", keyHint);
    }
    material.putArray("tlogEntries");
    material.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
    root.set("dsseEnvelope", envelope.toJson());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a bundle. Each defect has its own message: not JSON (or truncated), an unknown media
   * type, a certificate instead of a public key (keyless), no public key, no DSSE envelope. A
   * public key without a hint is read with an empty {@code keyHint}.
   */
  public static SigstoreBundle parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BundleInvalid(
          "bundle is not valid JSON (truncated or corrupt): "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (java.io.IOException e) {
      throw new BundleInvalid("bundle cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BundleInvalid("bundle is not a JSON object");
    }
    JsonNode mediaType = root.get("mediaType");
    if (mediaType == null || !MEDIA_TYPE.equals(mediaType.asText())) {
      throw new BundleInvalid(
          "bundle media type "
              + (mediaType == null
                  ? "is missing"
                  : "\"" + mediaType.asText() + "\" is not supported")
              + "; expected "
              + MEDIA_TYPE);
    }
    JsonNode material = root.path("verificationMaterial");
    JsonNode publicKey = material.path("publicKey");
    if (!publicKey.isObject()) {
      throw new BundleInvalid(
          material.has("certificate") || material.has("x509CertificateChain")
              ? "bundle carries a certificate (keyless signing); only key-based bundles"
                  + " (verificationMaterial.publicKey) are supported"
              : "bundle has no verificationMaterial.publicKey; only key-based bundles are"
                  + " supported");
    }
    JsonNode hint = publicKey.path("hint");
    if (!hint.isMissingNode() && !hint.isTextual()) {
      throw new BundleInvalid("bundle's verificationMaterial.publicKey.hint is not a string");
    }
    JsonNode envelope = root.get("dsseEnvelope");
    if (envelope == null || envelope.isNull()) {
      throw new BundleInvalid("bundle has no dsseEnvelope; only DSSE bundles are supported");
    }
    return new SigstoreBundle(hint.asText(""), DsseEnvelope.fromJson(envelope));
  }

  @Override
  public String toString() {
    return "SigstoreBundle[key "
        + (keyHint.isEmpty() ? "(no hint)" : keyHint)
        + ", "
        + envelope
        + "]";
  }

  /** The JSON as a string, for logs and fixtures. */
  public String toJsonString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }
}
