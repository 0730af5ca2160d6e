package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
  @TempDir Path tmp;

  @Test
  void aBlobIsReadBackByItsDigest() {
    ContentStore store = ContentStore.at(tmp);
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.of(bytes);
    store.put(digest, bytes);
    assertThat(store.read(digest)).isEqualTo(bytes);
    assertThat(store.blobPath(digest)).isEqualTo(tmp.resolve("blobs/sha256/" + Sha256.hex(digest)));
  }

  @Test
  void bytesThatDoNotMatchTheirDigestAreNotStored() {
    ContentStore store = ContentStore.at(tmp);
    String claimed = Sha256.of("expected".getBytes(StandardCharsets.UTF_8));
    String actual = Sha256.of("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                store.put(
                    claimed,
                    new ByteArrayInputStream("other".getBytes(StandardCharsets.UTF_8)),
                    "layer \"x\""))
        .isInstanceOf(DigestMismatch.class)
        .hasMessage(
            "layer \"x\" should have digest "
                + claimed
                + " but has "
                + actual
                + "; the registry sent other bytes than its manifest names");
    assertThat(store.contains(claimed)).isFalse();
  }

  @Test
  void aChangedBlobIsADigestMismatchOnEveryRead() throws Exception {
    ContentStore store = ContentStore.at(tmp);
    byte[] bytes = "module".getBytes(StandardCharsets.UTF_8);
    String digest = Sha256.of(bytes);
    store.put(digest, bytes);
    Files.writeString(store.blobPath(digest), "moduLe");
    assertThatThrownBy(() -> store.read(digest))
        .isInstanceOf(DigestMismatch.class)
        .hasMessageContaining(digest)
        .hasMessageContaining(Sha256.of("moduLe".getBytes(StandardCharsets.UTF_8)));
    Path out = tmp.resolve("out.wasm");
    assertThatThrownBy(() -> store.copyTo(digest, out)).isInstanceOf(DigestMismatch.class);
    assertThat(out).doesNotExist();
  }

  @Test
  void aLayerPathLeavingTheAppDirectoryIsRefused() {
    ContentStore store = ContentStore.at(tmp);
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    store.put(Sha256.of(data), data);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    store.put(Sha256.of(config), config);
    ImageManifest m =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST,
            new Blob(MediaTypes.SPIN_CONFIG, Sha256.of(config), config.length, Map.of()),
            java.util.List.of(
                new Blob(
                    MediaTypes.DATA_LAYER,
                    Sha256.of(data),
                    1,
                    Map.of(MediaTypes.TITLE, "../escape", MediaTypes.MANIFEST_FILE, "true"))));
    byte[] json = m.toJson();
    store.put(Sha256.of(json), json);
    Reference ref = Reference.parse("127.0.0.1:1/evil/app:1").withDigest(Sha256.of(json));
    assertThatThrownBy(() -> AppLayout.materialize(store, ref))
        .isInstanceOf(ArtifactUnsupported.class)
        .hasMessageContaining("layer path \"../escape\" is not a plain relative path");
    assertThat(tmp.resolve("apps/escape")).doesNotExist();
  }
}
