package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.testing.ForeignTools;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Referrers;
import dev.wasmlet.testing.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apps signed by the real cosign (v2.6.5, built from source by {@code scripts/install-cosign.sh})
 * with a key from openssl, offline ({@code --tlog-upload=false}), on a real docker-registry: its
 * legacy {@code sha256-<hex>.sig} signatures pass {@code wasmlet verify} and {@code up --from
 * --policy}, and its {@code --new-bundle-format} bundle passes Wasmlet's verifier.
 */
class CosignIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path cosign;
  private Path policy;
  private String releaseId;

  @BeforeEach
  void keys() throws Exception {
    cosign = ForeignTools.cosign();
    for (String name : new String[] {"release", "stranger"}) {
      ForeignTools.opensslKey(tmp, name);
      // cosign signs only with its own (encrypted) key format: it imports the openssl key
      ForeignTools.run(
          tmp,
          env(),
          60,
          cosign.toString(),
          "import-key-pair",
          "--key",
          name + ".key",
          "--output-key-prefix",
          name + "-cosign");
    }
    releaseId = Keys.keyId(Keys.readPublicKey(tmp.resolve("release.pub")));
    policy =
        Files.writeString(
            tmp.resolve("policy.toml"),
            "trustedKeys = [\""
                + tmp.resolve("release.pub")
                + "\"]\nrequireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n"
                + "allowUnsignedLocal = false\n");
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("COSIGN_PASSWORD", "test-only");
    env.put("HOME", tmp.toString());
    env.put("TUF_ROOT", tmp.resolve("tuf").toString());
    return env;
  }

  private void sign(String key, String ref, String... more) throws Exception {
    Map<String, String> env = env();
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                cosign.toString(),
                "sign",
                "--key",
                key + "-cosign.key",
                "--tlog-upload=false",
                "--allow-insecure-registry",
                "--allow-http-registry",
                "--yes"));
    for (String m : more) {
      if (m.startsWith("ENV:")) {
        env.put(m.substring(4, m.indexOf('=')), m.substring(m.indexOf('=') + 1));
      } else {
        cmd.add(m);
      }
    }
    cmd.add(ref);
    ForeignTools.run(tmp, env, 120, cmd.toArray(String[]::new));
  }

  private static String push(String example, String ref) {
    CliRun push =
        CliRun.of(
            "push", Tools.root().resolve("examples/" + example).toString(), ref, "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
    return push.out().lines().reduce((a, b) -> b).orElseThrow();
  }

  private CliRun verify(String ref) {
    return CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
  }

  @Test
  void anAppSignedByCosignInItsLegacyLayoutVerifiesAndServes() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String repo = "cosign/hello";
      String ref = registry.address() + "/" + repo + ":1.0";
      String digest = push("hello-c", ref);
      assertThat(verify(ref).code()).isEqualTo(ExitCodes.REFUSED);

      sign("release", registry.address() + "/" + repo + "@" + digest);

      JsonNode sig =
          JSON.readTree(
              Referrers.get(
                  registry.address(),
                  repo,
                  "manifests/" + digest.replace(':', '-') + ".sig",
                  "application/vnd.oci.image.manifest.v1+json"));
      assertThat(sig.at("/layers/0/mediaType").asText())
          .isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
      CliRun ok = verify(ref);
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(ok.out())
          .contains("PASS signature-present: cosign signature present")
          .contains("PASS signature-valid: cosign signature verifies with trusted key " + releaseId)
          .contains("PASS subject-matches: cosign signature covers the artifact " + digest);
      CliRun up =
          CliRun.of(
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
      assertThat(up.code()).as("%s", up).isZero();
      assertThat(up.out()).contains("cosign signature verifies").contains("check passed");
    }
  }

  @Test
  void cosignWithDockerMediaTypesIsReadToo() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/cosign/docker:1.0";
      String digest = push("hello-c", ref);

      sign(
          "release",
          registry.address() + "/cosign/docker@" + digest,
          "ENV:COSIGN_DOCKER_MEDIA_TYPES=1");

      assertThat(
              JSON.readTree(
                      Referrers.get(
                          registry.address(),
                          "cosign/docker",
                          "manifests/" + digest.replace(':', '-') + ".sig",
                          "application/vnd.docker.distribution.manifest.v2+json"))
                  .path("mediaType")
                  .asText())
          .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
      CliRun ok = verify(ref);
      assertThat(ok.code()).as("%s", ok).isZero();
    }
  }

  @Test
  void cosignSignaturesByAnotherKeyOrForAnotherImageAreRefused() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String base = registry.address() + "/cosign/hostile";
      String a = push("hello-c", base + ":a");
      String b = push("hello-component", base + ":b");

      sign("stranger", base + "@" + a);
      CliRun stranger = verify(base + ":a");
      assertThat(stranger.code()).as("%s", stranger).isEqualTo(ExitCodes.REFUSED);
      assertThat(stranger.out())
          .contains(
              "FAIL key-trusted: cosign signature names no key and its signature does not verify"
                  + " with the policy's one trusted key");

      // B's good signature, filed under A's signature tag: it names B, not A
      sign("release", base + "@" + b);
      byte[] manifestOfB =
          Referrers.get(
              registry.address(),
              "cosign/hostile",
              "manifests/" + b.replace(':', '-') + ".sig",
              "application/vnd.oci.image.manifest.v1+json");
      HttpResponse<String> put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://"
                                  + registry.address()
                                  + "/v2/cosign/hostile/manifests/"
                                  + a.replace(':', '-')
                                  + ".sig"))
                      .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestOfB))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      CliRun moved = verify(base + ":a");
      assertThat(moved.code()).as("%s", moved).isEqualTo(ExitCodes.REFUSED);
      assertThat(moved.out())
          .contains(
              "FAIL subject-matches: cosign signature covers [" + b + "], not the artifact " + a);
      assertThat(verify(base + ":b").code()).isZero();
    }
  }

  @Test
  void cosignsNewBundleFormatSignatureVerifiesWithWasmletsVerifier() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String repo = "cosign/bundle";
      String digest = push("hello-c", registry.address() + "/" + repo + ":1.0");

      sign("release", registry.address() + "/" + repo + "@" + digest, "--new-bundle-format");

      // cosign lists its referrer in the fallback index sha256-<hex>; first the bundle is read by
      // hand and given to the verifier
      JsonNode index =
          JSON.readTree(
              Referrers.get(
                  registry.address(),
                  repo,
                  "manifests/" + digest.replace(':', '-'),
                  "application/vnd.oci.image.index.v1+json"));
      JsonNode manifest =
          JSON.readTree(
              Referrers.get(
                  registry.address(),
                  repo,
                  "manifests/" + index.at("/manifests/0/digest").asText(),
                  "application/vnd.oci.image.manifest.v1+json"));
      assertThat(manifest.at("/subject/digest").asText()).isEqualTo(digest);
      assertThat(manifest.at("/annotations/dev.sigstore.bundle.predicateType").asText())
          .isEqualTo("https://sigstore.dev/cosign/sign/v1");
      byte[] bundle =
          Referrers.get(
              registry.address(),
              repo,
              "blobs/" + manifest.at("/layers/0/digest").asText(),
              "application/octet-stream");

      Verdict v =
          new Verifier(Policy.read(policy))
              .verify(
                  Evidence.of(digest).withRegistry(registry.address()).withSignatureBundle(bundle));

      assertThat(v.passed()).as(v.report()).isTrue();
      assertThat(v.report())
          .contains("PASS key-trusted: signed by trusted key " + releaseId + " (")
          .doesNotContain("found by trying");

      // and wasmlet verify finds it itself: the fallback index entry says only
      // application/vnd.oci.empty.v1+json, the type comes from the referrer's own manifest
      assertThat(index.at("/manifests/0/artifactType").asText())
          .isNotEqualTo(SigstoreBundle.MEDIA_TYPE);
      CliRun verify =
          CliRun.of(
              "verify",
              registry.address() + "/" + repo + ":1.0",
              "--insecure",
              "--policy",
              policy.toString());
      assertThat(verify.code()).as("%s", verify).isZero();
      assertThat(verify.out())
          .contains("PASS key-trusted: signed by trusted key " + releaseId)
          .contains("PASS blobs-intact");
    }
  }
}
