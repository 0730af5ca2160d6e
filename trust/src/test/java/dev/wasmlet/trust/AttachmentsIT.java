package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents attached to a pushed artifact as OCI 1.1 referrers, on real registries: Debian's
 * docker-registry (distribution 2.8, the tag fallback) and go-containerregistry's with the
 * referrers API.
 */
class AttachmentsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  @TempDir Path tmp;

  @Test
  void attachedDocumentsAreListedByTypeUnderTheFallbackTagAndCheckedOnRead() throws Exception {
    try (LocalRegistry local = LocalRegistry.start(tmp.resolve("registry"))) {
      Reference ref = Reference.parse(local.address() + "/signed/hello:1.0");
      Registry registry = Registry.builder(ref).withInsecure(true).build();
      AppArtifact artifact = AppArtifact.pack(Tools.root().resolve("examples/hello-c"));
      PushReport pushed = ArtifactPush.push(registry, ref, artifact);
      Reference subject = ref.withDigest(pushed.digest());

      byte[] signature = "{\"signature\":1}".getBytes(StandardCharsets.UTF_8);
      byte[] provenance = "{\"provenance\":1}".getBytes(StandardCharsets.UTF_8);
      String a = Attachments.attach(registry, subject, BUNDLE, BUNDLE, signature);
      Attachments.attach(registry, subject, "application/vnd.in-toto+json", BUNDLE, provenance);
      // attaching the same document again changes nothing
      assertThat(Attachments.attach(registry, subject, BUNDLE, BUNDLE, signature)).isEqualTo(a);

      List<byte[]> found = Attachments.find(registry, ref.repository(), pushed.digest(), BUNDLE);
      assertThat(found).hasSize(1);
      assertThat(found.get(0)).isEqualTo(signature);
      assertThat(
              Attachments.find(
                  registry, ref.repository(), pushed.digest(), "application/vnd.in-toto+json"))
          .containsExactly(provenance);
      assertThat(Attachments.find(registry, ref.repository(), "sha256:" + "0".repeat(64), BUNDLE))
          .isEmpty();
      assertThat(Attachments.fallbackTag(pushed.digest())).startsWith("sha256-");
      // the app itself still pulls unchanged
      assertThat(ArtifactPull.pull(registry, ref, ContentStore.at(tmp.resolve("store"))).digest())
          .isEqualTo(pushed.digest());

      // OCI 1.1: the attachment names its subject (digest, media type, size) and its type
      JsonNode m =
          JSON.readTree(
              registry
                  .fetchManifest(Reference.parse(local.address() + "/signed/hello@" + a))
                  .json());
      assertThat(m.at("/subject/digest").asText()).isEqualTo(pushed.digest());
      assertThat(m.at("/subject/mediaType").asText())
          .isEqualTo("application/vnd.oci.image.manifest.v1+json");
      assertThat(m.at("/subject/size").asLong())
          .isEqualTo(registry.fetchManifest(subject).json().length);
      assertThat(m.get("artifactType").asText()).isEqualTo(BUNDLE);
      // distribution 2.8 has no referrers API: the fallback index lists it
      assertThat(registry.referrers(ref.repository(), pushed.digest())).isEmpty();
      assertThat(registry.fetchIndex(ref.repository(), Attachments.fallbackTag(pushed.digest())))
          .isPresent();
    }
  }

  /**
   * A document attached the way other tools do (subject and artifactType, no Wasmlet annotation)
   * and listed in an index entry without artifactType (as a skopeo-mirrored index is) is found; one
   * listed under the same tag whose subject is another artifact is not.
   */
  @Test
  void foreignAttachmentsAreFoundByTheirSubjectAndStrangersAreIgnored() throws Exception {
    try (LocalRegistry local = LocalRegistry.start(tmp.resolve("registry"))) {
      Reference ref = Reference.parse(local.address() + "/foreign/hello:1.0");
      Registry registry = Registry.builder(ref).withInsecure(true).build();
      PushReport pushed =
          ArtifactPush.push(
              registry, ref, AppArtifact.pack(Tools.root().resolve("examples/hello-c")));
      String repo = ref.repository();
      byte[] doc = "{\"foreign\":true}".getBytes(StandardCharsets.UTF_8);
      String own = foreignAttachment(registry, repo, pushed.digest(), doc);
      String stranger =
          foreignAttachment(
              registry,
              repo,
              "sha256:" + "1".repeat(64),
              "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
      String index =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
              + "\"manifests\":["
              + entry(registry, repo, own)
              + ","
              + entry(registry, repo, stranger)
              + "]}";
      registry.pushIndex(
          repo, Attachments.fallbackTag(pushed.digest()), index.getBytes(StandardCharsets.UTF_8));

      assertThat(Attachments.find(registry, repo, pushed.digest(), BUNDLE)).containsExactly(doc);
      assertThat(Attachments.list(registry, repo, pushed.digest()))
          .extracting(Attachments.Attached::digest)
          .containsExactly(own);
    }
  }

  /** With the referrers API the registry lists attachments itself: no fallback tag is written. */
  @Test
  void aRegistryWithTheReferrersApiListsAttachmentsWithoutTheFallbackTag() throws Exception {
    try (LocalRegistry local = LocalRegistry.startWithReferrers(tmp.resolve("registry"))) {
      Reference ref = Reference.parse(local.address() + "/referred/hello:1.0");
      Registry registry = Registry.builder(ref).withInsecure(true).build();
      PushReport pushed =
          ArtifactPush.push(
              registry, ref, AppArtifact.pack(Tools.root().resolve("examples/hello-c")));
      byte[] signature = "{\"signature\":2}".getBytes(StandardCharsets.UTF_8);
      String a =
          Attachments.attach(registry, ref.withDigest(pushed.digest()), BUNDLE, BUNDLE, signature);

      assertThat(registry.referrers(ref.repository(), pushed.digest())).isPresent();
      assertThat(
              JSON.readTree(registry.referrers(ref.repository(), pushed.digest()).get())
                  .at("/manifests/0/digest")
                  .asText())
          .isEqualTo(a);
      assertThat(registry.fetchIndex(ref.repository(), Attachments.fallbackTag(pushed.digest())))
          .isEmpty();
      assertThat(Attachments.find(registry, ref.repository(), pushed.digest(), BUNDLE))
          .containsExactly(signature);
    }
  }

  /** An artifact manifest with only the standard fields, pushed by digest; returns its digest. */
  private static String foreignAttachment(
      Registry registry, String repo, String subjectDigest, byte[] doc) throws Exception {
    String docDigest = Sha256.of(doc);
    registry.pushBlob(
        repo,
        new Blob(BUNDLE, docDigest, doc.length, java.util.Map.of()),
        () -> new java.io.ByteArrayInputStream(doc));
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    if (!registry.hasBlob(repo, Sha256.of(empty))) {
      registry.pushBlob(
          repo,
          new Blob("application/vnd.oci.empty.v1+json", Sha256.of(empty), 2, java.util.Map.of()),
          () -> new java.io.ByteArrayInputStream(empty));
    }
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"artifactType\":\""
            + BUNDLE
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + Sha256.of(empty)
            + "\",\"size\":2},\"layers\":[{\"mediaType\":\""
            + BUNDLE
            + "\",\"digest\":\""
            + docDigest
            + "\",\"size\":"
            + doc.length
            + "}],\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\""
            + subjectDigest
            + "\",\"size\":100}}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    registry.pushManifestByDigest(repo, bytes);
    return Sha256.of(bytes);
  }

  /** An index entry without artifactType, as skopeo writes one. */
  private static String entry(Registry registry, String repo, String digest) {
    int size =
        registry
            .fetchManifest(Reference.parse(registry.host() + "/" + repo + "@" + digest))
            .json()
            .length;
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }
}
