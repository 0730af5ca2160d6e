package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.signing.Keys;
import dev.wasmlet.testing.ForeignTools;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Referrers;
import dev.wasmlet.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles made by sigstore-js ({@code @sigstore/sign}, real node processes) with a key from
 * openssl, attached to an app in a real docker-registry the way another tool attaches them (OCI 1.1
 * {@code subject}, listed in the fallback index), checked by {@code wasmlet verify} and {@code
 * wasmlet up --from --policy}.
 */
class ForeignSignersIT {
  private static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

  @TempDir Path tmp;

  /** Pushes examples/hello-c to {@code ref}; returns its manifest digest. */
  private static String push(String ref) {
    CliRun push =
        CliRun.of("push", Tools.root().resolve("examples/hello-c").toString(), ref, "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
    return push.out().lines().reduce((a, b) -> b).orElseThrow();
  }

  /** cosign's image-signature statement ({@code https://sigstore.dev/cosign/sign/v1}). */
  private Path statement(String digest) throws Exception {
    return Files.writeString(
        tmp.resolve("statement-" + digest.substring(7, 15) + ".json"),
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
            + digest.substring(7)
            + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\"}");
  }

  /**
   * A bundle sigstore-js makes with {@code key} over {@code payload}; {@code hint} as interop.js.
   */
  private byte[] sigstoreJs(String key, Path payload, String hint) throws Exception {
    Path js = ForeignTools.sigstoreJs();
    return ForeignTools.run(
            js,
            Map.of(),
            120,
            "node",
            "interop.js",
            "sign",
            tmp.resolve(key + ".key").toString(),
            tmp.resolve(key + ".pub").toString(),
            "application/vnd.in-toto+json",
            payload.toString(),
            hint)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A policy trusting a Wasmlet key first and the openssl key {@code release} second. */
  private Path policy() throws Exception {
    String ours = PolicyFiles.key(tmp, "ours");
    return Files.writeString(
        tmp.resolve("policy.toml"),
        "trustedKeys = [\""
            + ours
            + ".pub\", \""
            + tmp.resolve("release.pub")
            + "\"]\nrequireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n"
            + "allowUnsignedLocal = false\n");
  }

  private CliRun up(String ref, Path policy) {
    return CliRun.of(
        "up",
        "--from",
        ref,
        "--insecure",
        "--store",
        tmp.resolve("store").toString(),
        "--policy",
        policy.toString(),
        "--check",
        "--listen",
        "127.0.0.1:0",
        "--cache-dir",
        tmp.resolve("cache").toString());
  }

  @Test
  void aSigstoreJsBundleWithoutAHintVerifiesAndTheAppServesFromTheRegistry() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/foreign/hello:1.0";
      String digest = push(ref);
      ForeignTools.opensslKey(tmp, "release");
      String releaseId = Keys.keyId(Keys.readPublicKey(tmp.resolve("release.pub")));
      byte[] bundle = sigstoreJs("release", statement(digest), "--no-hint");
      Referrers.attach(registry.address(), "foreign/hello", digest, BUNDLE, bundle);
      Path policy = policy();

      CliRun verify = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());

      assertThat(verify.code()).as("%s", verify).isZero();
      assertThat(verify.out())
          .contains(
              "PASS key-trusted: signed by trusted key "
                  + releaseId
                  + " ("
                  + tmp.resolve("release.pub")
                  + "), found by trying the policy's keys: signature bundle names no key")
          .contains("PASS subject-matches: signature covers the artifact " + digest)
          .contains("verified foreign/hello@" + digest);
      CliRun up = up(ref, policy);
      assertThat(up.code()).as("%s", up).isZero();
      assertThat(up.out()).contains("found by trying the policy's keys").contains("check passed");
    }
  }

  @Test
  void foreignBundlesByAnUntrustedKeyOrOverAnotherArtifactAreRefused() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/foreign/hostile:1.0";
      String digest = push(ref);
      ForeignTools.opensslKey(tmp, "release");
      ForeignTools.opensslKey(tmp, "stranger");
      String releaseId = Keys.keyId(Keys.readPublicKey(tmp.resolve("release.pub")));
      Path policy = policy();

      Referrers.attach(
          registry.address(),
          "foreign/hostile",
          digest,
          BUNDLE,
          sigstoreJs("stranger", statement(digest), "--hint=" + releaseId));
      CliRun impostor = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(impostor.code()).as("%s", impostor).isEqualTo(ExitCodes.REFUSED);
      assertThat(impostor.out())
          .contains(
              "FAIL signature-valid: signature bundle's DSSE signature does not verify with"
                  + " trusted key "
                  + releaseId);

      Referrers.attach(
          registry.address(),
          "foreign/hostile",
          digest,
          BUNDLE,
          sigstoreJs("stranger", statement(digest), "--no-hint"));
      Referrers.attach(
          registry.address(),
          "foreign/hostile",
          digest,
          BUNDLE,
          sigstoreJs("release", statement("sha256:" + "ab".repeat(32)), "--no-hint"));
      CliRun refused = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(refused.code()).as("%s", refused).isEqualTo(ExitCodes.REFUSED);
      assertThat(refused.out())
          .as("the bundle that got furthest is reported")
          .contains("PASS signature-present: 3 signature bundles present")
          .contains(
              "FAIL subject-matches: signature covers [sha256:"
                  + "ab".repeat(32)
                  + "], not the artifact "
                  + digest);
      CliRun up = up(ref, policy);
      assertThat(up.code()).as("%s", up).isEqualTo(ExitCodes.REFUSED);
      assertThat(up.out()).doesNotContain("serving app");
    }
  }
}
