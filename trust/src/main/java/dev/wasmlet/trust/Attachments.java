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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Documents attached to an artifact (signature and provenance bundles) as OCI 1.1 referrers: each
 * is an artifact manifest with an {@code artifactType} and a {@code subject} naming the artifact's
 * manifest (plus Wasmlet's {@code dev.wasmlet.subject} annotation, which older Wasmlet versions
 * read). A registry with the referrers API indexes them itself; for one without (Debian's registry,
 * distribution 2.8) they are also listed in the OCI referrers tag-fallback index, an image index
 * tagged {@code sha256-<hex>} of the subject's digest.
 *
 * <p>Discovery reads both lists, so documents attached by cosign 3, oras or notation are found as
 * well as Wasmlet's, and so is an index that a mirror rewrote without {@code artifactType} (skopeo
 * does): the type and the subject are then read from the document's own manifest, which is checked
 * against its digest like every fetched byte. A listed manifest counts only when its {@code
 * subject} (or, lacking one, the annotation) names the artifact; at most {@value #MAX_LISTED} are
 * examined and documents over {@value #MAX_DOCUMENT} bytes are ignored, so a hostile registry can
 * withhold evidence but never make a check pass.
 */
public final class Attachments {
  /** The annotation naming the digest a document is about. */
  public static final String SUBJECT = "dev.wasmlet.subject";

  /** Listed manifests examined per subject. */
  public static final int MAX_LISTED = 64;

  /** The largest document read (bundles are a few KB). */
  public static final int MAX_DOCUMENT = 4 << 20;

  static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Attachments() {}

  /** One attachment: its manifest's digest and bytes (checked) and its artifact type. */
  public record Attached(String digest, String artifactType, byte[] manifest) {}

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
    FetchedManifest target = registry.fetchManifest(subject);
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
    ObjectNode subjectDescriptor = m.putObject("subject");
    subjectDescriptor.put("mediaType", tree(target.json()).path("mediaType").asText(MANIFEST));
    subjectDescriptor.put("digest", subjectDigest);
    subjectDescriptor.put("size", target.json().length);
    m.putObject("annotations").put(SUBJECT, subjectDigest);
    byte[] manifest = bytes(m);
    String digest = Sha256.of(manifest);
    boolean indexed = registry.pushManifestByDigest(repo, manifest);
    if (!indexed) {
      index(registry, repo, subjectDigest, new Attached(digest, artifactType, manifest));
    }
    return digest;
  }

  /**
   * Lists an attachment already stored in {@code repository} for {@code subjectDigest}: nothing to
   * do when the registry's referrers API lists it, else it goes into the fallback index.
   */
  public static void index(
      Registry registry, String repository, String subjectDigest, Attached attached) {
    Optional<byte[]> api = registry.referrers(repository, subjectDigest);
    if (api.isPresent() && entries(api.get()).contains(attached.digest())) {
      return;
    }
    String tag = fallbackTag(subjectDigest);
    ObjectNode index =
        registry
            .fetchIndex(repository, tag)
            .map(Attachments::tree)
            .orElseGet(
                () -> {
                  ObjectNode i = JSON.createObjectNode();
                  i.put("schemaVersion", 2);
                  i.put("mediaType", INDEX);
                  i.putArray("manifests");
                  return i;
                });
    if (!(index.get("manifests") instanceof ArrayNode entries)) {
      throw new RegistryFailed(
          repository + ":" + tag + " is not a referrers index (no manifests list)", null);
    }
    for (JsonNode e : entries) {
      if (attached.digest().equals(e.path("digest").asText())) {
        return;
      }
    }
    ObjectNode entry = entries.addObject();
    entry.put("mediaType", tree(attached.manifest()).path("mediaType").asText(MANIFEST));
    entry.put("digest", attached.digest());
    entry.put("size", attached.manifest().length);
    entry.put("artifactType", attached.artifactType());
    entry.putObject("annotations").put(SUBJECT, subjectDigest);
    registry.pushIndex(repository, tag, bytes(index));
  }

  /** Every attachment about {@code subjectDigest}, of any type, each manifest checked. */
  public static List<Attached> list(Registry registry, String repository, String subjectDigest) {
    List<Attached> out = new ArrayList<>();
    for (String digest : listed(registry, repository, subjectDigest)) {
      about(registry, repository, digest, subjectDigest).ifPresent(out::add);
    }
    return out;
  }

  /** The documents of one type attached to a digest, each checked against its digest. */
  public static List<byte[]> find(
      Registry registry, String repository, String subjectDigest, String artifactType) {
    List<byte[]> out = new ArrayList<>();
    // every listed manifest is read: a list's artifactType is not trusted to skip one (registries
    // differ: go-containerregistry 0.20 lists the config's media type instead)
    for (String digest : listed(registry, repository, subjectDigest)) {
      Optional<Attached> a = about(registry, repository, digest, subjectDigest);
      if (a.isEmpty() || !artifactType.equals(a.get().artifactType())) {
        continue;
      }
      for (JsonNode layer : tree(a.get().manifest()).path("layers")) {
        document(registry, repository, layer).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The manifests listed for a subject by the referrers API and the fallback index, at most {@link
   * #MAX_LISTED}.
   */
  private static List<String> listed(Registry registry, String repository, String subjectDigest) {
    Set<String> out = new LinkedHashSet<>();
    registry.referrers(repository, subjectDigest).ifPresent(i -> out.addAll(entries(i)));
    registry
        .fetchIndex(repository, fallbackTag(subjectDigest))
        .ifPresent(i -> out.addAll(entries(i)));
    return out.stream().limit(MAX_LISTED).toList();
  }

  private static Set<String> entries(byte[] index) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : tree(index).path("manifests")) {
      String digest = e.path("digest").asText("");
      if (Sha256.isDigest(digest)) {
        out.add(digest);
      }
    }
    return out;
  }

  /**
   * The listed manifest at {@code digest}, if it is about {@code subjectDigest}: its {@code
   * subject} names it, or it has no subject and Wasmlet's annotation names it. Its type is its
   * {@code artifactType}, else its config's media type (as the OCI image spec says).
   */
  private static Optional<Attached> about(
      Registry registry, String repository, String digest, String subjectDigest) {
    FetchedManifest f =
        registry.fetchManifest(Reference.parse(registry.host() + "/" + repository + "@" + digest));
    JsonNode m = tree(f.json());
    JsonNode subject = m.path("subject");
    String about =
        subject.isObject()
            ? subject.path("digest").asText("")
            : m.path("annotations").path(SUBJECT).asText("");
    if (!subjectDigest.equals(about)) {
      return Optional.empty(); // listed under this subject, but about another artifact
    }
    String type = m.path("artifactType").asText("");
    if (type.isEmpty()) {
      type = m.path("config").path("mediaType").asText("");
    }
    return Optional.of(new Attached(f.digest(), type, f.json()));
  }

  /** A layer's bytes, checked against its digest; empty when it is too large to be a bundle. */
  private static Optional<byte[]> document(Registry registry, String repository, JsonNode layer) {
    String d = layer.path("digest").asText();
    if (!Sha256.isDigest(d) || layer.path("size").asLong(Long.MAX_VALUE) > MAX_DOCUMENT) {
      return Optional.empty();
    }
    byte[] doc;
    try (InputStream in = registry.fetchBlob(repository, d)) {
      doc = in.readNBytes(MAX_DOCUMENT + 1);
    } catch (IOException ex) {
      throw new RegistryFailed("reading attachment " + d + ": " + ex.getMessage(), ex);
    }
    if (doc.length > MAX_DOCUMENT) {
      return Optional.empty();
    }
    String actual = Sha256.of(doc);
    if (!actual.equals(d)) {
      throw new DigestMismatch("attachment " + d, d, actual, "the registry sent other bytes");
    }
    return Optional.of(doc);
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
      if (JSON.readTree(json) instanceof ObjectNode o) {
        return o;
      }
      throw new RegistryFailed("an index or manifest is not a JSON object", null);
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
