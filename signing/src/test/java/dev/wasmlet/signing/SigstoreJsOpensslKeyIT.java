package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles made by {@code @sigstore/sign} (real node processes, offline) with an ECDSA P-256 key
 * made by {@code openssl}, whose public-key hint is anything but Wasmlet's key id: Wasmlet's {@link
 * Verifier} finds the key by trying the trusted ones, and refuses every hostile variant.
 */
class SigstoreJsOpensslKeyIT {
  private static final String DIGEST = "sha256:" + "8e".repeat(32);
  private static final String OTHER = "sha256:" + "9f".repeat(32);

  @TempDir Path dir;
  private Path js;
  private String opensslId;
  private Policy policy;

  @BeforeEach
  void keys() {
    js = ExternalProcess.sigstoreJs();
    openssl(dir, "signer");
    openssl(dir, "stranger");
    opensslId = Keys.keyId(Keys.readPublicKey(dir.resolve("signer.pub")));
    KeyPair decoy = Keys.generate(KeyAlgorithm.ED25519);
    policy =
        new Policy(
            List.of(
                TrustedKey.of(decoy.getPublic(), "decoy.pub"),
                TrustedKey.of(Keys.readPublicKey(dir.resolve("signer.pub")), "signer.pub")),
            false,
            List.of(),
            List.of(),
            List.of("127.0.0.1:*"),
            false);
  }

  /** {@code NAME.key} (PKCS#8) and {@code NAME.pub} (SPKI), both written by openssl. */
  static void openssl(Path dir, String name) {
    ExternalProcess key =
        ExternalProcess.run(
            dir,
            "openssl",
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            name + ".key");
    assertThat(key.exitCode()).as(key.stderr()).isZero();
    ExternalProcess pub =
        ExternalProcess.run(
            dir, "openssl", "pkey", "-in", name + ".key", "-pubout", "-out", name + ".pub");
    assertThat(pub.exitCode()).as(pub.stderr()).isZero();
  }

  /**
   * A bundle from sigstore-js: {@code signer} signs {@code payload}; {@code hint} as interop.js.
   */
  private byte[] sign(String signer, String type, byte[] payload, String... hint) throws Exception {
    Path file = Files.write(dir.resolve("payload-" + System.nanoTime()), payload);
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "node",
                "interop.js",
                "sign",
                dir.resolve(signer + ".key").toString(),
                dir.resolve(signer + ".pub").toString(),
                type,
                file.toString()));
    cmd.addAll(List.of(hint));
    ExternalProcess signed = ExternalProcess.run(js, cmd.toArray(String[]::new));
    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    return signed.stdout().getBytes(StandardCharsets.UTF_8);
  }

  private Verdict verify(byte[] bundle) {
    return new Verifier(policy)
        .verify(Evidence.of(DIGEST).withRegistry("127.0.0.1:5000").withSignatureBundle(bundle));
  }

  private static byte[] cosignSign(String digest) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
            + digest.substring(7)
            + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sigstoreJsBundleWithoutAHintPassesAndTheVerdictNamesTheOpensslKey() throws Exception {
    byte[] bundle = sign("signer", Dsse.IN_TOTO, cosignSign(DIGEST), "--no-hint");
    assertThat(SigstoreBundle.parse(bundle).keyHint()).isEmpty();

    Verdict v = verify(bundle);

    assertThat(v.passed()).as(v.report()).isTrue();
    assertThat(v.report())
        .contains(
            "PASS key-trusted: signed by trusted key "
                + opensslId
                + " (signer.pub), found by trying the policy's keys: signature bundle names no key")
        .contains("PASS subject-matches: signature covers the artifact " + DIGEST);
  }

  @Test
  void sigstoreJsBundleWithAForeignHintPassesByTryingTheKeys() throws Exception {
    byte[] bundle =
        sign(
            "signer",
            Dsse.IN_TOTO,
            Statements.signature("127.0.0.1:5000/acme/app", DIGEST).toJson(),
            "--hint=projects/acme/keys/release");

    assertThat(verify(bundle).report())
        .contains(
            "found by trying the policy's keys: signature bundle's key hint"
                + " projects/acme/keys/release names no trusted key");
  }

  @Test
  void untrustedOpensslKeyWithTheTrustedKeysHintIsRejectedAtSignatureValid() throws Exception {
    byte[] bundle = sign("stranger", Dsse.IN_TOTO, cosignSign(DIGEST), "--hint=" + opensslId);

    assertThatThrownBy(() -> verify(bundle))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature bundle's DSSE signature does not verify with trusted key "
                + opensslId
                + ": the payload or the signature was changed");
  }

  @Test
  void untrustedOpensslKeyWithoutAHintOrWithGarbageIsRejectedAtKeyTrusted() throws Exception {
    assertThatThrownBy(
            () -> verify(sign("stranger", Dsse.IN_TOTO, cosignSign(DIGEST), "--no-hint")))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "key-trusted: signature bundle names no key and its signature does not verify with any"
                + " of the policy's 2 trusted keys; add its public key to the policy's"
                + " trustedKeys");
    assertThatThrownBy(
            () -> verify(sign("stranger", Dsse.IN_TOTO, cosignSign(DIGEST), "--hint=%00<zz>")))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageStartingWith(
            "key-trusted: signature bundle is signed by key \"%00<zz>\", which is not a trusted key");
  }

  @Test
  void trustedSignatureOverAnotherArtifactIsRejectedAtSubjectMatches() throws Exception {
    byte[] bundle = sign("signer", Dsse.IN_TOTO, cosignSign(OTHER), "--no-hint");

    assertThatThrownBy(() -> verify(bundle))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "subject-matches: signature covers [" + OTHER + "], not the artifact " + DIGEST);
  }

  @Test
  void trustedSignatureOfAnotherPayloadTypeIsRejected() throws Exception {
    byte[] bundle = sign("signer", "application/json", cosignSign(DIGEST), "--no-hint");

    assertThatThrownBy(() -> verify(bundle))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-valid: signature payload type is application/json, expected "
                + Dsse.IN_TOTO);
  }

  @Test
  void ourBundleSignedWithTheOpensslKeyVerifiesWithSigstoreJs() throws Exception {
    Path bundle = dir.resolve("ours.json");
    Files.write(
        bundle,
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.signature("127.0.0.1:5000/acme/app", DIGEST).toJson(),
                Keys.readPrivateKey(dir.resolve("signer.key")),
                Keys.readPublicKey(dir.resolve("signer.pub")))
            .toJson());

    ExternalProcess verified =
        ExternalProcess.run(
            js,
            "node",
            "interop.js",
            "verify",
            bundle.toString(),
            dir.resolve("signer.pub").toString());

    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).isEqualTo("verified\n");
  }
}
