package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SigstoreBundleTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private final KeyPair pair = Keys.generate(KeyAlgorithm.ECDSA_P256);

  private SigstoreBundle signed() {
    return SigstoreBundle.sign(
        Dsse.IN_TOTO,
        Statements.signature("registry/app", DIGEST).toJson(),
        pair.getPrivate(),
        pair.getPublic());
  }

  @Test
  void bundleIsKeyBasedV03WithNoTlogEntries() throws Exception {
    JsonNode json = new ObjectMapper().readTree(signed().toJson());

    assertThat(json.get("mediaType").asText())
        .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(json.at("/verificationMaterial/publicKey/hint").asText())
        .isEqualTo(Keys.keyId(pair.getPublic()));
    assertThat(json.at("/verificationMaterial/tlogEntries").isArray()).isTrue();
    assertThat(json.at("/verificationMaterial/tlogEntries")).isEmpty();
    assertThat(json.at("/dsseEnvelope/payloadType").asText())
        .isEqualTo("application/vnd.in-toto+json");
  }

  @Test
  void bundleRoundTripsAndStillVerifies() {
    SigstoreBundle back = SigstoreBundle.parse(signed().toJson());

    assertThat(Dsse.verify(back.envelope(), pair.getPublic())).isTrue();
    Statement statement = Statement.parse(back.envelope().payload());
    assertThat(statement.predicateType()).isEqualTo(Statements.SIGNATURE);
    assertThat(statement.subjects()).containsExactly(Subject.ofDigest("registry/app", DIGEST));
  }

  @Test
  void truncatedBundleIsNotValidJson() {
    byte[] json = signed().toJson();

    assertThatThrownBy(() -> SigstoreBundle.parse(Arrays.copyOf(json, json.length / 2)))
        .isInstanceOf(BundleInvalid.class)
        .hasMessageStartingWith("bundle is not valid JSON (truncated or corrupt): ");
  }

  @Test
  void unknownMediaTypeIsRejected() {
    String json = signed().toJsonString().replace("bundle.v0.3+json", "bundle.v9+json");

    assertThatThrownBy(() -> SigstoreBundle.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleInvalid.class)
        .hasMessage(
            "bundle media type \"application/vnd.dev.sigstore.bundle.v9+json\" is not supported;"
                + " expected application/vnd.dev.sigstore.bundle.v0.3+json");
  }

  @Test
  void bundleWithoutEnvelopeIsRejected() {
    String json =
        "{\"mediaType\":\""
            + SigstoreBundle.MEDIA_TYPE
            + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"k\"}}}";

    assertThatThrownBy(() -> SigstoreBundle.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BundleInvalid.class)
        .hasMessage("bundle has no dsseEnvelope; only DSSE bundles are supported");
  }
}
