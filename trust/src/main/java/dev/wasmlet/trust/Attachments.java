package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents attached to an artifact (signature and provenance bundles), stored as OCI artifacts
 * whose {@code subject} is the artifact's manifest and listed under the referrers tag-fallback
 * scheme of the OCI distribution spec: an image index tagged {@code sha256-<hex>} of the subject's
 * digest, because Debian's registry (distribution 2.8) has no referrers API. Every fetched document
 * is checked against the digest its manifest names.
 */
public final class Attachments {
  /** The annotation naming the digest a document is about. */
  public static final String SUBJECT = "dev.wasmlet.subject";

  static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Attachments() {}

  /** The tag under which the referrers of a digest are listed. */
  public static String fallbackTag(String subjectDigest) {
    return subjectDigest.replace(':', '-');
  }

  /**
   * Attaches a document to the artifact at {@code subject} (a reference with a digest).
   *
   * @param artifactType what the document is, e.g. the Sigstore bundle media type
   * @return the digest of the attachment's manifest
   */
  public static String attach(
      Registry registry,
      Reference subject,
      String artifactType,
      String mediaType,
      byte[] document) {
    String subjectDigest =
        subject
            .digest()
            .orElseThrow(() -> new ReferenceInvalid(subject + " names no digest", null));
    String repo = subject.repository();
    Blob config = new Blob(EMPTY_CONFIG, Sha256.of(EMPTY), EMPTY.length, Map.of());
    Blob layer = new Blob(mediaType, Sha256.of(document), document.length, Map.of());
    put(registry, repo, config, EMPTY);
    put(registry, repo, layer, document);
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MANIFEST);
    m.put("artifactType", artifactType);
    m.set("config", descriptor(config));
    m.putArray("layers").add(descriptor(layer));
    m.putObject("annotations").put(SUBJECT, subjectDigest);
    byte[] manifest = bytes(m);
    String digest = Sha256.of(manifest);
    registry.pushManifestByDigest(repo, manifest);

    String tag = fallbackTag(subjectDigest);
    ObjectNode index =
        registry
            .fetchIndex(repo, tag)
            .map(Attachments::tree)
            .orElseGet(
                () -> {
                  ObjectNode i = JSON.createObjectNode();
                  i.put("schemaVersion", 2);
                  i.put("mediaType", INDEX);
                  i.putArray("manifests");
                  return i;
                });
    ArrayNode entries = (ArrayNode) index.get("manifests");
    for (JsonNode e : entries) {
      if (digest.equals(e.path("digest").asText())) {
        return digest;
      }
    }
    ObjectNode entry = entries.addObject();
    entry.put("mediaType", MANIFEST);
    entry.put("digest", digest);
    entry.put("size", manifest.length);
    entry.put("artifactType", artifactType);
    entry.putObject("annotations").put(SUBJECT, subjectDigest);
    registry.pushIndex(repo, tag, bytes(index));
    return digest;
  }

  /** The documents of one type attached to a digest, each checked against its digest. */
  public static List<byte[]> find(
      Registry registry, String repository, String subjectDigest, String artifactType) {
    List<byte[]> out = new ArrayList<>();
    var index = registry.fetchIndex(repository, fallbackTag(subjectDigest));
    if (index.isEmpty()) {
      return out;
    }
    for (JsonNode e : tree(index.get()).path("manifests")) {
      if (!artifactType.equals(e.path("artifactType").asText())) {
        continue;
      }
      Reference r =
          Reference.parse(registry.host() + "/" + repository + "@" + e.path("digest").asText());
      JsonNode m = tree(registry.fetchManifest(r).json());
      if (!subjectDigest.equals(m.path("annotations").path(SUBJECT).asText())) {
        continue; // listed under this tag, but not about this artifact
      }
      for (JsonNode layer : m.path("layers")) {
        String d = layer.path("digest").asText();
        byte[] doc;
        try (InputStream in = registry.fetchBlob(repository, d)) {
          doc = in.readAllBytes();
        } catch (IOException ex) {
          throw new RegistryFailed("reading attachment " + d + ": " + ex.getMessage(), ex);
        }
        String actual = Sha256.of(doc);
        if (!actual.equals(d)) {
          throw new DigestMismatch("attachment " + d, d, actual, "the registry sent other bytes");
        }
        out.add(doc);
      }
    }
    return out;
  }

  private static void put(Registry registry, String repo, Blob blob, byte[] bytes) {
    if (!registry.hasBlob(repo, blob.digest())) {
      registry.pushBlob(repo, blob, () -> new ByteArrayInputStream(bytes));
    }
  }

  private static ObjectNode descriptor(Blob b) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", b.mediaType());
    d.put("digest", b.digest());
    d.put("size", b.size());
    return d;
  }

  private static ObjectNode tree(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new RegistryFailed("an index or manifest is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
