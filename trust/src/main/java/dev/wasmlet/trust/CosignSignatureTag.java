package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import land.oras.exception.OrasException;

/**
 * Signatures in cosign's legacy layout, read only: an image manifest tagged {@code
 * sha256-<hex>.sig} (the artifact's digest) in the artifact's repository, one layer per signature,
 * each a simple-signing payload ({@value #PAYLOAD_TYPE}) whose base64 signature is the layer's
 * {@value #SIGNATURE_ANNOTATION} annotation. Layers of other media types are not signatures and are
 * passed over; every payload is checked against its digest. Whether a signature is good is for the
 * verifier to say.
 */
public final class CosignSignatureTag {
  /** The media type of a simple-signing payload layer. */
  public static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  /** The layer annotation holding the base64 signature over the payload's bytes. */
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  /** The most signature layers read from one tag. */
  static final int MAX_LAYERS = 64;

  /** The largest payload read (cosign's are a few hundred bytes). */
  static final long MAX_PAYLOAD = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CosignSignatureTag() {}

  /** The tag cosign signs a digest under: {@code sha256-<hex>.sig}. */
  public static String tag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  /** The signatures filed under the digest's signature tag; none when there is no such tag. */
  public static List<SimpleSigned> find(Registry registry, String repository, String digest) {
    String tag = tag(digest);
    String where = repository + ":" + tag;
    FetchedManifest manifest;
    try {
      manifest = registry.fetchManifest(Reference.parse(registry.host() + "/" + where));
    } catch (TrustException e) {
      if (e.getCause() instanceof OrasException o
          && Integer.valueOf(404).equals(o.getStatusCode())) {
        return List.of();
      }
      throw e;
    }
    JsonNode layers = tree(manifest.json(), where).path("layers");
    List<SimpleSigned> out = new ArrayList<>();
    int index = 0;
    for (JsonNode layer : layers) {
      index++;
      if (!PAYLOAD_TYPE.equals(layer.path("mediaType").asText())) {
        continue;
      }
      if (out.size() == MAX_LAYERS) {
        throw new SignatureTagInvalid(
            where + " holds more than " + MAX_LAYERS + " signatures; at most that many are read");
      }
      out.add(signature(registry, repository, where, index, layer));
    }
    return out;
  }

  private static SimpleSigned signature(
      Registry registry, String repository, String where, int index, JsonNode layer) {
    String name = where + " layer " + index;
    JsonNode sig = layer.path("annotations").path(SIGNATURE_ANNOTATION);
    if (!sig.isTextual() || sig.asText().isEmpty()) {
      throw new SignatureTagInvalid(
          name + " has no " + SIGNATURE_ANNOTATION + " annotation; it is not a cosign signature");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(sig.asText());
    } catch (IllegalArgumentException e) {
      throw new SignatureTagInvalid(
          name + ": its " + SIGNATURE_ANNOTATION + " annotation is not valid base64");
    }
    String digest = layer.path("digest").asText();
    if (layer.path("size").asLong(-1) > MAX_PAYLOAD) {
      throw new SignatureTagInvalid(
          name
              + " is "
              + layer.path("size").asLong()
              + " bytes; a payload may have at most "
              + MAX_PAYLOAD);
    }
    byte[] payload;
    try (InputStream in = registry.fetchBlob(repository, digest)) {
      payload = in.readNBytes((int) MAX_PAYLOAD + 1);
    } catch (IOException e) {
      throw new RegistryFailed(
          "reading cosign signature payload " + digest + ": " + e.getMessage(), e);
    }
    String actual = Sha256.of(payload);
    if (!actual.equals(digest)) {
      throw new DigestMismatch(
          "cosign signature payload " + digest, digest, actual, "the registry sent other bytes");
    }
    return new SimpleSigned(payload, signature);
  }

  private static JsonNode tree(byte[] json, String where) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new SignatureTagInvalid("the manifest of " + where + " is not valid JSON");
    }
  }
}
