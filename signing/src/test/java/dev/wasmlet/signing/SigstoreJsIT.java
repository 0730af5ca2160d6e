package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with sigstore-js ({@code @sigstore/sign} 4 and {@code @sigstore/verify} 4 on
 * Node 20, from {@code src/test/js}), run as real node processes, offline: key-based DSSE bundles,
 * no Fulcio, no Rekor.
 */
class SigstoreJsIT {
  private static final String DIGEST = "sha256:" + "7d".repeat(32);

  @TempDir Path dir;
  private Path js;
  private KeyPair pair;
  private Path pub;

  @BeforeEach
  void keys() {
    js = ExternalProcess.sigstoreJs();
    pair = Keys.generate(KeyAlgorithm.ECDSA_P256);
    Keys.writePrivateKey(dir.resolve("k.key"), pair.getPrivate());
    pub = dir.resolve("k.pub");
    Keys.writePublicKey(pub, pair.getPublic());
  }

  @Test
  void bundleSignedBySigstoreJsWithALocalKeyPassesOurVerifier() throws Exception {
    Path payload = dir.resolve("statement.json");
    Files.write(payload, Statements.signature("127.0.0.1:5000/acme/app", DIGEST).toJson());

    ExternalProcess signed =
        ExternalProcess.run(
            js,
            "node",
            "interop.js",
            "sign",
            dir.resolve("k.key").toString(),
            pub.toString(),
            Dsse.IN_TOTO,
            payload.toString());

    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    byte[] bundle = signed.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(SigstoreBundle.parse(bundle).keyHint()).isEqualTo(Keys.keyId(pair.getPublic()));
    Policy policy =
        new Policy(
            List.of(TrustedKey.of(pair.getPublic(), "k.pub")),
            false,
            List.of(),
            List.of(),
            List.of("127.0.0.1:*"),
            false);
    Verdict verdict =
        new Verifier(policy)
            .verify(Evidence.of(DIGEST).withRegistry("127.0.0.1:5000").withSignatureBundle(bundle));
    assertThat(verdict.passed()).as(verdict.report()).isTrue();
    assertThat(verdict.report()).contains("PASS signature-valid", "PASS subject-matches");
  }

  @Test
  void ourBundleVerifiesWithSigstoreJsGivenOurPublicKey() throws Exception {
    Path bundle = dir.resolve("bundle.json");
    Files.write(
        bundle,
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.signature("app", DIGEST).toJson(),
                pair.getPrivate(),
                pair.getPublic())
            .toJson());

    ExternalProcess verified =
        ExternalProcess.run(js, "node", "interop.js", "verify", bundle.toString(), pub.toString());

    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).isEqualTo("verified\n");
  }

  @Test
  void sigstoreJsRejectsOurBundleWhenItsPayloadWasTampered() throws Exception {
    SigstoreBundle good =
        SigstoreBundle.sign(
            Dsse.IN_TOTO,
            Statements.signature("app", DIGEST).toJson(),
            pair.getPrivate(),
            pair.getPublic());
    byte[] payload = good.envelope().payload();
    payload[payload.length - 3] ^= 1;
    Path bundle = dir.resolve("bundle.json");
    Files.write(
        bundle,
        new SigstoreBundle(
                good.keyHint(),
                new DsseEnvelope(payload, Dsse.IN_TOTO, good.envelope().signatures()))
            .toJson());

    ExternalProcess verified =
        ExternalProcess.run(js, "node", "interop.js", "verify", bundle.toString(), pub.toString());

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.stderr())
        .isEqualTo("interop verify failed: SIGNATURE_ERROR: signature verification failed\n");
  }

  @Test
  void sigstoreJsRejectsOurBundleUnderAnotherKey() throws Exception {
    KeyPair other = Keys.generate(KeyAlgorithm.ECDSA_P256);
    Path bundle = dir.resolve("bundle.json");
    Files.write(
        bundle,
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.signature("app", DIGEST).toJson(),
                other.getPrivate(),
                other.getPublic())
            .toJson());

    ExternalProcess verified =
        ExternalProcess.run(js, "node", "interop.js", "verify", bundle.toString(), pub.toString());

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.stderr())
        .startsWith("interop verify failed: unknown key hint " + Keys.keyId(other.getPublic()));
  }
}
