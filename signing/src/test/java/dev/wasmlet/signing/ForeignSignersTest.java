package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bundles whose public-key hint is not Wasmlet's key id (another signer's format, garbage, none):
 * the trusted keys are tried, at most {@link KeySearch#MAX_TRIED}, and only a signature that
 * verifies with one of them passes. A hint that names a trusted key still binds the bundle to it.
 */
class ForeignSignersTest {
  private static final String DIGEST = "sha256:" + "3c".repeat(32);
  private static final String OTHER = "sha256:" + "4d".repeat(32);
  private final KeyPair trusted = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final KeyPair second = Keys.generate(KeyAlgorithm.ED25519);
  private final KeyPair stranger = Keys.generate(KeyAlgorithm.ECDSA_P256);

  private static Policy policy(List<PublicKey> keys) {
    List<TrustedKey> trusted = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      trusted.add(TrustedKey.of(keys.get(i), "key" + i + ".pub"));
    }
    return new Policy(trusted, false, List.of(), List.of(), List.of("127.0.0.1:*"), false);
  }

  private Policy policy() {
    return policy(List.of(second.getPublic(), trusted.getPublic()));
  }

  /** A bundle signed by {@code signer} whose hint is {@code hint} ("" for none). */
  private static byte[] bundle(KeyPair signer, String hint, String payloadType, byte[] payload) {
    DsseEnvelope env = Dsse.sign(payloadType, payload, signer.getPrivate(), signer.getPublic());
    return new SigstoreBundle(hint, env).toJson();
  }

  private static byte[] statement(String digest) {
    return Statements.signature("127.0.0.1:5000/acme/app", digest).toJson();
  }

  private static Verdict verify(Policy policy, byte[] bundle) {
    return new Verifier(policy)
        .verify(Evidence.of(DIGEST).withRegistry("127.0.0.1:5000").withSignatureBundle(bundle));
  }

  private static String hexId(KeyPair k) {
    return Keys.keyId(k.getPublic());
  }

  @Test
  void bundleWithoutAHintPassesByTryingTheTrustedKeysAndTheVerdictNamesTheKey() {
    Verdict v = verify(policy(), bundle(trusted, "", Dsse.IN_TOTO, statement(DIGEST)));

    assertThat(v.passed()).isTrue();
    assertThat(v.report())
        .contains(
            "PASS key-trusted: signed by trusted key "
                + hexId(trusted)
                + " (key1.pub), found by trying the policy's keys: signature bundle names no key")
        .contains(
            "PASS signature-valid: signature bundle's DSSE signature verifies with trusted key "
                + hexId(trusted));
  }

  @Test
  void bundleWhoseHintIsGarbagePassesWhenATrustedKeyMadeItAndTheHintIsShownEscaped() {
    Verdict v = verify(policy(), bundle(trusted, "k\u0007\"ey", Dsse.IN_TOTO, statement(DIGEST)));

    assertThat(v.passed()).isTrue();
    assertThat(v.report())
        .contains(
            "found by trying the policy's keys: signature bundle's key hint \"k\\u0007\\u0022ey\""
                + " names no trusted key");
  }

  @Test
  void cosignsBase64HintNamesTheTrustedKeyWithoutTrying() {
    String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hexId(trusted)));

    Verdict v = verify(policy(), bundle(trusted, base64, Dsse.IN_TOTO, statement(DIGEST)));

    assertThat(v.report())
        .contains("PASS key-trusted: signed by trusted key " + hexId(trusted) + " (key1.pub)\n")
        .doesNotContain("found by trying");
  }

  @Test
  void aHintNamingATrustedKeyBindsTheBundleToThatKeyEvenWhenAnotherTrustedKeySignedIt() {
    byte[] b = bundle(second, hexId(trusted), Dsse.IN_TOTO, statement(DIGEST));

    assertThatThrownBy(() -> verify(policy(), b))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature bundle's DSSE signature does not verify with trusted key "
                + hexId(trusted)
                + ": the payload or the signature was changed");
  }

  @Test
  void untrustedSignerUsingATrustedKeysHintIsRejectedAtSignatureValid() {
    byte[] b = bundle(stranger, hexId(trusted), Dsse.IN_TOTO, statement(DIGEST));

    assertThatThrownBy(() -> verify(policy(), b))
        .isInstanceOf(PolicyRejected.class)
        .extracting(e -> ((PolicyRejected) e).check())
        .isEqualTo("signature-valid");
  }

  @Test
  void untrustedSignerWithoutAHintIsRejectedAtKeyTrusted() {
    byte[] b = bundle(stranger, "", Dsse.IN_TOTO, statement(DIGEST));

    assertThatThrownBy(() -> verify(policy(), b))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "key-trusted: signature bundle names no key and its signature does not verify with any"
                + " of the policy's 2 trusted keys; add its public key to the policy's"
                + " trustedKeys");
  }

  @Test
  void untrustedSignerWithAGarbageHintIsRejectedAndTheHintIsCut() {
    String hint = "x".repeat(100) + "\n";
    byte[] b = bundle(stranger, hint, Dsse.IN_TOTO, statement(DIGEST));

    assertThatThrownBy(() -> verify(policy(List.of(trusted.getPublic())), b))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "key-trusted: signature bundle is signed by key \""
                + "x".repeat(80)
                + "...\" (101 characters), which is not a trusted key, and its signature does not"
                + " verify with the policy's one trusted key; add its public key to the policy's"
                + " trustedKeys");
  }

  @Test
  void atMostSixteenKeysAreTriedButAHintReachesAnyTrustedKey() {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < KeySearch.MAX_TRIED; i++) {
      keys.add(Keys.generate(KeyAlgorithm.ED25519).getPublic());
    }
    keys.add(trusted.getPublic());
    Policy many = policy(keys);

    assertThatThrownBy(() -> verify(many, bundle(trusted, "", Dsse.IN_TOTO, statement(DIGEST))))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageContaining(
            "does not verify with any of the first 16 of the policy's 17 trusted keys (at most 16"
                + " are tried)");
    assertThat(
            verify(many, bundle(trusted, hexId(trusted), Dsse.IN_TOTO, statement(DIGEST))).passed())
        .isTrue();
  }

  @Test
  void validSignatureWithoutAHintOverAnotherArtifactIsRejectedAtSubjectMatches() {
    byte[] b = bundle(trusted, "", Dsse.IN_TOTO, statement(OTHER));

    assertThatThrownBy(() -> verify(policy(), b))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "subject-matches: signature covers [" + OTHER + "], not the artifact " + DIGEST);
  }

  @Test
  void validSignatureWithoutAHintOfAnotherPayloadTypeIsRejected() {
    byte[] b = bundle(trusted, "", "application/json", statement(DIGEST));

    assertThatThrownBy(() -> verify(policy(), b))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature payload type is application/json, expected "
                + Dsse.IN_TOTO);
  }

  @Test
  void cosignSignPredicateIsASignatureOverTheArtifact() {
    byte[] payload =
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
                + DIGEST.substring(7)
                + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(verify(policy(), bundle(trusted, "", Dsse.IN_TOTO, payload)).report())
        .contains("PASS subject-matches: signature covers the artifact " + DIGEST);
  }

  @Test
  void cosignSignPredicateOverAnotherArtifactIsRejected() {
    byte[] payload =
        new Statement(
                List.of(Subject.ofDigest("", OTHER)),
                Statements.COSIGN_SIGN,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
            .toJson();

    assertThatThrownBy(() -> verify(policy(), bundle(trusted, "", Dsse.IN_TOTO, payload)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "subject-matches: signature covers [" + OTHER + "], not the artifact " + DIGEST);
  }

  @Test
  void otherPredicateTypesAreStillNoSignature() {
    byte[] payload =
        new Statement(
                List.of(Subject.ofDigest("app", DIGEST)),
                "https://cosign.sigstore.dev/attestation/v1",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
            .toJson();

    assertThatThrownBy(() -> verify(policy(), bundle(trusted, "", Dsse.IN_TOTO, payload)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature statement has predicate type"
                + " https://cosign.sigstore.dev/attestation/v1, expected "
                + Statements.SIGNATURE
                + " or "
                + Statements.COSIGN_SIGN);
  }

  @Test
  void keylessBundleIsRefusedByName() {
    String json =
        "{\"mediaType\":\""
            + SigstoreBundle.MEDIA_TYPE
            + "\",\"verificationMaterial\":{\"certificate\":{\"rawBytes\":\"AA==\"}},"
            + "\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"x\",\"signatures\":[{\"sig\":\"AA==\"}]}}";

    assertThatThrownBy(() -> verify(policy(), json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature bundle carries a certificate (keyless signing); only"
                + " key-based bundles (verificationMaterial.publicKey) are supported");
  }

  @Test
  void aBundleWithoutAHintIsWrittenWithAnEmptyPublicKeyAndReadBack() {
    byte[] b = bundle(trusted, "", Dsse.IN_TOTO, statement(DIGEST));

    assertThat(new String(b, StandardCharsets.UTF_8)).contains("\"publicKey\" : { }");
    assertThat(SigstoreBundle.parse(b).keyHint()).isEmpty();
  }
}
