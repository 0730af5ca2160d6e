package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents attached to a pushed artifact through the referrers tag fallback, on a real registry.
 */
class AttachmentsIT {
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
    }
  }
}
