package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.testing.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading cosign's legacy signature tag from a real docker-registry, and refusing bad ones. */
class CosignSignatureTagIT {
  private static final String REPO = "cosign/tag";
  private static final String SUBJECT = "sha256:" + "c0".repeat(32);
  private static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private static Registry client(LocalRegistry r) {
    return Registry.builder(Reference.parse(r.address() + "/" + REPO + ":x"))
        .withInsecure(true)
        .build();
  }

  private static String push(Registry reg, byte[] bytes, String mediaType) {
    Blob b = new Blob(mediaType, Sha256.of(bytes), bytes.length, Map.of());
    reg.pushBlob(REPO, b, () -> new ByteArrayInputStream(bytes));
    return b.digest();
  }

  /** Puts a manifest under SUBJECT's signature tag whose layers are given as JSON. */
  private static void sigManifest(Registry reg, String layersJson) {
    String config = push(reg, CONFIG, "application/vnd.oci.image.config.v1+json");
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + config
            + "\",\"size\":2},\"layers\":"
            + layersJson
            + "}";
    reg.pushManifest(
        REPO, CosignSignatureTag.tag(SUBJECT), manifest.getBytes(StandardCharsets.UTF_8));
  }

  private static String layer(String mediaType, String digest, int size, String annotations) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + (annotations.isEmpty() ? "" : ",\"annotations\":" + annotations)
        + "}";
  }

  @Test
  void noSignatureTagMeansNoSignatures() throws Exception {
    try (LocalRegistry r = LocalRegistry.start(tmp)) {
      assertThat(CosignSignatureTag.find(client(r), REPO, SUBJECT)).isEmpty();
    }
  }

  @Test
  void signatureLayersAreReadAndOtherLayersPassedOver() throws Exception {
    try (LocalRegistry r = LocalRegistry.start(tmp)) {
      Registry reg = client(r);
      byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
      String p = push(reg, payload, CosignSignatureTag.PAYLOAD_TYPE);
      String other = push(reg, new byte[] {1, 2}, "application/octet-stream");
      sigManifest(
          reg,
          "["
              + layer("application/octet-stream", other, 2, "")
              + ","
              + layer(
                  CosignSignatureTag.PAYLOAD_TYPE,
                  p,
                  payload.length,
                  "{\"dev.cosignproject.cosign/signature\":\"AQID\"}")
              + "]");

      List<SimpleSigned> found = CosignSignatureTag.find(reg, REPO, SUBJECT);

      assertThat(found).containsExactly(new SimpleSigned(payload, new byte[] {1, 2, 3}));
    }
  }

  @Test
  void aSignatureLayerWithoutItsAnnotationOrWithBadBase64IsRefusedByName() throws Exception {
    try (LocalRegistry r = LocalRegistry.start(tmp)) {
      Registry reg = client(r);
      byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
      String p = push(reg, payload, CosignSignatureTag.PAYLOAD_TYPE);
      String where = REPO + ":" + CosignSignatureTag.tag(SUBJECT) + " layer 1";

      sigManifest(reg, "[" + layer(CosignSignatureTag.PAYLOAD_TYPE, p, 2, "") + "]");
      assertThatThrownBy(() -> CosignSignatureTag.find(reg, REPO, SUBJECT))
          .isInstanceOf(SignatureTagInvalid.class)
          .hasMessage(
              where
                  + " has no dev.cosignproject.cosign/signature annotation; it is not a cosign"
                  + " signature");

      sigManifest(
          reg,
          "["
              + layer(
                  CosignSignatureTag.PAYLOAD_TYPE,
                  p,
                  2,
                  "{\"dev.cosignproject.cosign/signature\":\"not base64!\"}")
              + "]");
      assertThatThrownBy(() -> CosignSignatureTag.find(reg, REPO, SUBJECT))
          .isInstanceOf(SignatureTagInvalid.class)
          .hasMessage(
              where + ": its dev.cosignproject.cosign/signature annotation is not valid base64");
    }
  }

  @Test
  void tagIsTheDigestWithADashAndSig() {
    assertThat(CosignSignatureTag.tag(SUBJECT)).isEqualTo("sha256-" + "c0".repeat(32) + ".sig");
  }
}
