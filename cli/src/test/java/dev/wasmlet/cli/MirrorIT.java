package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed artifacts moved between repositories and registries keep verifying: mirrored with skopeo
 * (which rewrites the referrers index), copied with {@code wasmlet copy} (also onto a registry with
 * the OCI 1.1 referrers API), and {@code verify} checks every blob, so a corrupted layer fails it.
 * Real registries: Debian's docker-registry and go-containerregistry's.
 */
class MirrorIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Pushes hello-c to {@code ref} and signs it; returns the policy trusting the key. */
  private Path pushSigned(String ref) throws Exception {
    String dir = Tools.root().resolve("examples/hello-c").toString();
    assertThat(CliRun.of("push", dir, ref, "--insecure").code()).isZero();
    String key = PolicyFiles.key(tmp, "ours");
    CliRun sign = CliRun.of("sign", ref, "--insecure", "--key", key + ".key");
    assertThat(sign.code()).as("%s", sign).isZero();
    return PolicyFiles.policy(
        tmp.resolve("policy.toml"),
        key,
        "requireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n");
  }

  private static CliRun verify(String ref, Path policy, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "verify";
    args[1] = ref;
    args[2] = "--insecure";
    args[3] = "--policy";
    args[4] = policy.toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return CliRun.of(args);
  }

  private static String digest(String ref) {
    Reference r = Reference.parse(ref);
    return Registry.builder(r).withInsecure(true).build().fetchManifest(r).digest();
  }

  @Test
  void aSkopeoMirrorOfTheAppAndItsReferrersIndexStillVerifies() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/signed/hello:1.0";
      Path policy = pushSigned(ref);
      String tag = Attachments.fallbackTag(digest(ref));
      String mirror = registry.address() + "/mirror/hello";
      Tools.run(
          tmp,
          "skopeo",
          "copy",
          "--src-tls-verify=false",
          "--dest-tls-verify=false",
          "docker://" + ref,
          "docker://" + mirror + ":1.0");
      Tools.run(
          tmp,
          "skopeo",
          "copy",
          "--all", // the index is rewritten (entries lose artifactType); the children are not
          "--src-tls-verify=false",
          "--dest-tls-verify=false",
          "docker://" + registry.address() + "/signed/hello:" + tag,
          "docker://" + mirror + ":" + tag);

      // the case that used to fail signature-present: skopeo's index has no artifactType
      Registry mirrored =
          Registry.builder(Reference.parse(mirror + ":1.0")).withInsecure(true).build();
      JsonNode index = JSON.readTree(mirrored.fetchIndex("mirror/hello", tag).orElseThrow());
      assertThat(index.at("/manifests/0/digest").asText()).startsWith("sha256:");
      assertThat(index.at("/manifests/0/artifactType").isMissingNode()).isTrue();

      CliRun ok = verify(mirror + ":1.0", policy);
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(ok.out()).contains("PASS signature-valid").contains("PASS blobs-intact");
    }
  }

  @Test
  void wasmletCopyTakesTheSignatureAlongWithinAndAcrossRegistries() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        LocalRegistry referrers = LocalRegistry.startWithReferrers(tmp.resolve("referrers"))) {
      String ref = registry.address() + "/signed/hello:1.0";
      Path policy = pushSigned(ref);
      String digest = digest(ref);

      String copied = registry.address() + "/copied/hello:2.0";
      CliRun copy = CliRun.of("copy", ref, copied, "--insecure");
      assertThat(copy.code()).as("%s", copy).isZero();
      assertThat(copy.out()).contains("@" + digest).contains("1 attachment");
      CliRun ok = verify(copied, policy);
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(digest(copied)).isEqualTo(digest);

      // again: nothing new to send
      CliRun again = CliRun.of("copy", ref, copied, "--insecure");
      assertThat(again.code()).as("%s", again).isZero();
      assertThat(again.out()).contains(": 0 blobs sent");

      // onto a registry with the referrers API: listed there, no fallback tag
      String across = referrers.address() + "/mirror/hello:1.0";
      CliRun acrossCopy = CliRun.of("copy", ref, across, "--insecure");
      assertThat(acrossCopy.code()).as("%s", acrossCopy).isZero();
      CliRun acrossOk = verify(across, policy);
      assertThat(acrossOk.code()).as("%s", acrossOk).isZero();
      Registry target = Registry.builder(Reference.parse(across)).withInsecure(true).build();
      assertThat(target.referrers("mirror/hello", digest)).isPresent();
      assertThat(target.fetchIndex("mirror/hello", Attachments.fallbackTag(digest))).isEmpty();

      // a destination digest other than the source's is refused before anything is sent
      CliRun wrong =
          CliRun.of(
              "copy",
              ref,
              registry.address() + "/other/hello@sha256:" + "0".repeat(64),
              "--insecure");
      assertThat(wrong.code()).as("%s", wrong).isEqualTo(ExitCodes.USAGE);
      assertThat(wrong.err()).contains("a copy keeps the digest");
    }
  }

  @Test
  void verifyFetchesEveryBlobAndFailsOnACorruptedLayer() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/signed/hello:1.0";
      Path policy = pushSigned(ref);
      Reference r = Reference.parse(ref);
      JsonNode manifest =
          JSON.readTree(Registry.builder(r).withInsecure(true).build().fetchManifest(r).json());
      String layer = manifest.at("/layers/0/digest").asText().substring("sha256:".length());
      Path data =
          tmp.resolve("registry/data/docker/registry/v2/blobs/sha256")
              .resolve(layer.substring(0, 2))
              .resolve(layer)
              .resolve("data");
      assertThat(data).exists();
      assertThat(verify(ref, policy).code()).isZero();

      try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
        f.seek(f.length() / 2);
        int b = f.read();
        f.seek(f.length() / 2);
        f.write(b ^ 0x01);
      }

      CliRun broken = verify(ref, policy);
      assertThat(broken.code()).as("%s", broken).isEqualTo(ExitCodes.REFUSED);
      assertThat(broken.out()).contains("PASS signature-valid").contains("FAIL blobs-intact");
      assertThat(broken.err()).contains("blobs-intact").contains(layer);

      CliRun json = verify(ref, policy, "-o", "json");
      assertThat(json.code()).isEqualTo(ExitCodes.REFUSED);
      JsonNode doc = JSON.readTree(json.out());
      assertThat(doc.get("verified").asBoolean()).isFalse();
      assertThat(doc.get("blobsChecked").asBoolean()).isTrue();

      CliRun skipped = verify(ref, policy, "--skip-blobs");
      assertThat(skipped.code()).as("%s", skipped).isZero();
      assertThat(skipped.out()).contains("SKIP blobs-intact").doesNotContain("PASS blobs-intact");

      // copying it is refused too, and nothing is tagged at the destination
      String dst = registry.address() + "/copied/hello:1.0";
      CliRun copy = CliRun.of("copy", ref, dst, "--insecure");
      assertThat(copy.code()).as("%s", copy).isEqualTo(ExitCodes.REFUSED);
      assertThat(copy.err()).contains(layer);
      assertThat(
              Files.exists(
                  tmp.resolve(
                      "registry/data/docker/registry/v2/repositories/copied/hello/_manifests/tags/1.0")))
          .isFalse();
    }
  }
}
