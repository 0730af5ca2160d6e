package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
  private static final String DIGEST = "sha256:" + "5e".repeat(32);
  private final KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);

  private Policy policy(boolean requireProvenance, boolean allowUnsignedLocal) {
    return new Policy(
        List.of(TrustedKey.of(pair.getPublic(), "test")),
        requireProvenance,
        List.of(),
        List.of(),
        List.of("*.acme.dev"),
        allowUnsignedLocal);
  }

  private byte[] signature() {
    return SigstoreBundle.sign(
            Dsse.IN_TOTO,
            Statements.signature("app", DIGEST).toJson(),
            pair.getPrivate(),
            pair.getPublic())
        .toJson();
  }

  @Test
  void ed25519SignedArtifactFromAnAllowedRegistryPassesWithoutProvenanceWhenNotRequired() {
    Verdict v =
        new Verifier(policy(false, false))
            .verify(
                Evidence.of(DIGEST)
                    .withRegistry("registry.acme.dev")
                    .withSignatureBundle(signature()));

    assertThat(v.passed()).isTrue();
    assertThat(v.report())
        .contains(
            "PASS registry-allowed: registry registry.acme.dev matches allowed pattern *.acme.dev")
        .contains("PASS provenance-present: provenance not required by the policy");
  }

  @Test
  void registryOutsideThePolicyIsRejectedBeforeAnythingElse() {
    assertThatThrownBy(
            () ->
                new Verifier(policy(false, false))
                    .verify(
                        Evidence.of(DIGEST)
                            .withRegistry("evil.example")
                            .withSignatureBundle(signature())))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "registry-allowed: registry evil.example is not allowed by the policy (allowedRegistries: [*.acme.dev])")
        .extracting(e -> ((PolicyRejected) e).check())
        .isEqualTo("registry-allowed");
  }

  @Test
  void unsignedLocalArtifactPassesOnlyWhenThePolicyAllowsIt() {
    assertThat(new Verifier(policy(false, true)).verify(Evidence.of(DIGEST)).report())
        .contains(
            "PASS signature-present: unsigned local artifact allowed by the policy (allowUnsignedLocal)");
    assertThatThrownBy(() -> new Verifier(policy(false, false)).verify(Evidence.of(DIGEST)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(
            "signature-present: unsigned local artifact "
                + DIGEST
                + ": the policy does not allow unsigned local artifacts (allowUnsignedLocal ="
                + " false); push it signed (wasmlet push --key) and deploy it from the registry"
                + " (--from REF)");
  }

  @Test
  void oneTrustedSignatureAmongSeveralIsEnoughAndNoneTrustedFailsAtTheKey() {
    KeyPair other = Keys.generate(KeyAlgorithm.ECDSA_P256);
    byte[] untrusted =
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.signature("app", DIGEST).toJson(),
                other.getPrivate(),
                other.getPublic())
            .toJson();
    Verdict v =
        new Verifier(policy(false, false))
            .verify(
                Evidence.of(DIGEST)
                    .withRegistry("r.acme.dev")
                    .withSignatureBundle(untrusted)
                    .withSignatureBundle(signature()));
    assertThat(v.report())
        .contains("PASS signature-present: 2 signature bundles present")
        .contains("PASS key-trusted: signed by trusted key " + Keys.keyId(pair.getPublic()))
        .doesNotContain("FAIL");
    assertThatThrownBy(
            () ->
                new Verifier(policy(false, false))
                    .verify(
                        Evidence.of(DIGEST)
                            .withRegistry("r.acme.dev")
                            .withSignatureBundle(untrusted)
                            .withSignatureBundle(untrusted)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageStartingWith(
            "key-trusted: signature bundle is signed by key " + Keys.keyId(other.getPublic()));
  }

  @Test
  void provenanceIsNotJudgedWhenThePolicyDoesNotRequireIt() {
    byte[] provenance =
        SigstoreBundle.sign(
                Dsse.IN_TOTO,
                Statements.provenance(
                        List.of(Subject.ofDigest("app", DIGEST)),
                        Provenance.builder()
                            .withBuilderId("https://laptop.example/me")
                            .withBuildCommand("wasmlet push")
                            .build())
                    .toJson(),
                pair.getPrivate(),
                pair.getPublic())
            .toJson();
    Evidence e =
        Evidence.of(DIGEST)
            .withRegistry("r.acme.dev")
            .withSignatureBundle(signature())
            .withProvenanceBundle(provenance);
    assertThat(new Verifier(policy(false, false)).verify(e).report())
        .contains(
            "PASS provenance-present: provenance not required by the policy; provenance bundle"
                + " present, not checked")
        .doesNotContain("builder-trusted");
    assertThatThrownBy(() -> new Verifier(policy(true, false)).verify(e))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageStartingWith("builder-trusted: builder https://laptop.example/me");
  }

  @Test
  void unsignedLocalArtifactNeedsNoProvenanceWhenAllowedButASignedOneIsCheckedInFull() {
    assertThat(new Verifier(policy(true, true)).verify(Evidence.of(DIGEST)).report())
        .contains("PASS provenance-present: unsigned local artifact allowed by the policy");
    assertThatThrownBy(
            () ->
                new Verifier(policy(true, true))
                    .verify(Evidence.of(DIGEST).withSignatureBundle(signature())))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageStartingWith("provenance-present: no provenance bundle for " + DIGEST);
  }

  @Test
  void unsignedArtifactFromARegistryIsRejectedEvenWhenUnsignedLocalIsAllowed() {
    assertThatThrownBy(
            () ->
                new Verifier(policy(false, true))
                    .verify(Evidence.of(DIGEST).withRegistry("r.acme.dev")))
        .isInstanceOf(PolicyRejected.class)
        .hasMessageStartingWith("signature-present: ");
  }

  @Test
  void jsonAndTomlPoliciesReadTheSame(@TempDir Path dir) throws Exception {
    Keys.writePublicKey(dir.resolve("k.pub"), pair.getPublic());
    Files.writeString(
        dir.resolve("p.json"),
        """
        {"trustedKeys": ["k.pub", {"pem": "%s"}], "requireProvenance": true,
         "allowedBuilders": ["b"], "allowedSources": ["s/*"], "allowedRegistries": ["r"],
         "allowUnsignedLocal": true}
        """
            .formatted(Keys.publicKeyPem(pair.getPublic()).replace("\n", "\\n")));
    Files.writeString(
        dir.resolve("p.toml"),
        """
        trustedKeys = ["k.pub", { pem = \"""
        %s\""" }]
        requireProvenance = true
        allowedBuilders = ["b"]
        allowedSources = ["s/*"]
        allowedRegistries = ["r"]
        allowUnsignedLocal = true
        """
            .formatted(Keys.publicKeyPem(pair.getPublic())));

    Policy json = Policy.read(dir.resolve("p.json"));
    Policy toml = Policy.read(dir.resolve("p.toml"));

    assertThat(toml.trustedKeys())
        .extracting(TrustedKey::id)
        .containsExactly(Keys.keyId(pair.getPublic()), Keys.keyId(pair.getPublic()));
    assertThat(List.of(toml.requireProvenance(), toml.allowUnsignedLocal())).containsOnly(true);
    assertThat(toml.allowedSources()).isEqualTo(json.allowedSources()).containsExactly("s/*");
    assertThat(toml.allowedBuilders()).isEqualTo(json.allowedBuilders());
    assertThat(toml.allowedRegistries()).isEqualTo(json.allowedRegistries());
    assertThat(json.trustedKeys())
        .extracting(TrustedKey::id)
        .isEqualTo(toml.trustedKeys().stream().map(TrustedKey::id).toList());
  }

  @Test
  void unknownPolicySettingIsAnErrorSoATypoCannotDisableACheck(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.toml");
    Files.writeString(file, "requireProvenence = true\n");

    assertThatThrownBy(() -> Policy.read(file))
        .isInstanceOf(PolicyInvalid.class)
        .hasMessage(
            "policy "
                + file
                + ": unknown setting \"requireProvenence\"; known settings are [allowUnsignedLocal,"
                + " allowedBuilders, allowedRegistries, allowedSources, requireProvenance, trustedKeys]");
  }

  @Test
  void defaultPolicyRejectsUnsignedLocalArtifacts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.toml");
    Files.writeString(file, "");

    assertThat(Policy.read(file).allowUnsignedLocal()).isFalse();
  }
}
