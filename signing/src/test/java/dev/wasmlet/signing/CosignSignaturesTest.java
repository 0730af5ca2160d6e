package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signatures in cosign's legacy layout: a simple-signing payload and a signature over its bytes.
 */
class CosignSignaturesTest {
  private static final String DIGEST = "sha256:" + "5a".repeat(32);
  private static final String OTHER = "sha256:" + "6b".repeat(32);
  private final KeyPair trusted = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final KeyPair stranger = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final Policy policy =
      new Policy(
          List.of(TrustedKey.of(trusted.getPublic(), "cosign.pub")),
          false,
          List.of(),
          List.of(),
          List.of("127.0.0.1:*"),
          false);

  static byte[] payload(String digest, String type) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/acme/app\"},"
            + "\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},\"type\":\""
            + type
            + "\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static CosignSignature signed(KeyPair key, byte[] payload) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(payload);
    return new CosignSignature(payload, s.sign());
  }

  private Verdict verify(CosignSignature... signatures) {
    Evidence e = Evidence.of(DIGEST).withRegistry("127.0.0.1:5000");
    for (CosignSignature s : signatures) {
      e.withCosignSignature(s);
    }
    return new Verifier(policy).verify(e);
  }

  @Test
  void cosignSignatureByATrustedKeyOverTheArtifactPassesEveryCheck() throws Exception {
    Verdict v = verify(signed(trusted, payload(DIGEST, CosignPayload.TYPE)));

    assertThat(v.report())
        .isEqualTo(
            "PASS registry-allowed: registry 127.0.0.1:5000 matches allowed pattern 127.0.0.1:*\n"
                + "PASS signature-present: cosign signature present\n"
                + "PASS key-trusted: signed by trusted key "
                + Keys.keyId(trusted.getPublic())
                + " (cosign.pub), found by trying the policy's keys: cosign signature names no"
                + " key\n"
                + "PASS signature-valid: cosign signature verifies with trusted key "
                + Keys.keyId(trusted.getPublic())
                + "\n"
                + "PASS subject-matches: cosign signature covers the artifact "
                + DIGEST
                + "\n"
                + "PASS provenance-present: provenance not required by the policy");
  }

  @Test
  void cosignSignatureOverAnotherArtifactIsRejectedAtSubjectMatches() throws Exception {
    assertThatThrownBy(() -> verify(signed(trusted, payload(OTHER, CosignPayload.TYPE))))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "subject-matches: cosign signature covers [" + OTHER + "], not the artifact " + DIGEST);
  }

  @Test
  void cosignPayloadOfAnotherTypeIsRejected() throws Exception {
    assertThatThrownBy(() -> verify(signed(trusted, payload(DIGEST, "something else"))))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: cosign signature's payload's critical.type is \"something else\","
                + " expected \"cosign container image signature\"");
  }

  @Test
  void cosignPayloadWithoutAManifestDigestIsRejected() throws Exception {
    assertThatThrownBy(() -> verify(signed(trusted, payload("latest", CosignPayload.TYPE))))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: cosign signature's payload's critical.image.docker-manifest-digest"
                + " is latest, expected sha256:<64 lower-case hex digits>");
  }

  @Test
  void tamperedPayloadOrUntrustedSignerIsRejectedAtKeyTrusted() throws Exception {
    CosignSignature good = signed(trusted, payload(DIGEST, CosignPayload.TYPE));
    CosignSignature tampered =
        new CosignSignature(payload(OTHER, CosignPayload.TYPE), good.signature());
    String expected =
        "key-trusted: cosign signature names no key and its signature does not verify with the"
            + " policy's one trusted key; add its public key to the policy's trustedKeys";

    assertThatThrownBy(() -> verify(tampered))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> verify(signed(stranger, payload(DIGEST, CosignPayload.TYPE))))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(expected);
  }

  @Test
  void oneGoodCosignSignatureAfterABadOneIsEnough() throws Exception {
    Verdict v =
        verify(
            signed(stranger, payload(DIGEST, CosignPayload.TYPE)),
            signed(trusted, payload(DIGEST, CosignPayload.TYPE)));

    assertThat(v.passed()).isTrue();
    assertThat(v.report()).contains("PASS signature-present: 2 cosign signatures present");
  }

  @Test
  void aBundleAndACosignSignatureAreCandidatesTogether() throws Exception {
    byte[] untrustedBundle =
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.signature("app", DIGEST).toJson(),
                stranger.getPrivate(),
                stranger.getPublic())
            .toJson();
    Verdict v =
        new Verifier(policy)
            .verify(
                Evidence.of(DIGEST)
                    .withRegistry("127.0.0.1:5000")
                    .withSignatureBundle(untrustedBundle)
                    .withCosignSignature(signed(trusted, payload(DIGEST, CosignPayload.TYPE))));

    assertThat(v.report())
        .contains("PASS signature-present: signature bundle present, cosign signature present")
        .contains("PASS signature-valid: cosign signature verifies");
  }
}
