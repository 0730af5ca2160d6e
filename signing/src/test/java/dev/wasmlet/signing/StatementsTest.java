package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.testing.ProvenanceSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementsTest {
  private static final String DIGEST = "sha256:" + "cd".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void signatureStatementIsInTotoV1OverTheManifestDigest() throws Exception {
    JsonNode s = JSON.readTree(Statements.signature("reg.example/app", DIGEST).toJson());

    assertThat(s.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(s.at("/subject/0/name").asText()).isEqualTo("reg.example/app");
    assertThat(s.at("/subject/0/digest/sha256").asText()).isEqualTo("cd".repeat(32));
    assertThat(s.get("predicateType").asText())
        .isEqualTo("https://wasmlet.dev/attestations/signature/v1");
  }

  @Test
  void provenanceIsSlsaV1WithSourceMaterialsAndRunDetails() throws Exception {
    Provenance p =
        Provenance.builder()
            .withBuilderId("https://ci.example/runner")
            .withSource(new GitSource("https://git.example/acme/app", COMMIT))
            .withBuildCommand("wasmlet push . reg.example/app:1")
            .withMaterial("file:app.wasm", "ef".repeat(32))
            .withInvocationId("run-7")
            .withStartedOn(Instant.parse("2026-01-02T03:04:05Z"))
            .withFinishedOn(Instant.parse("2026-01-02T03:04:06Z"))
            .build();
    JsonNode s =
        JSON.readTree(
            Statements.provenance(List.of(Subject.ofDigest("reg.example/app", DIGEST)), p)
                .toJson());

    ProvenanceSchema.assertValid(s);
    assertThat(s.get("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    JsonNode def = s.at("/predicate/buildDefinition");
    assertThat(def.get("buildType").asText()).isEqualTo("https://wasmlet.dev/build/v1");
    assertThat(def.at("/externalParameters/source/repository").asText())
        .isEqualTo("https://git.example/acme/app");
    assertThat(def.at("/externalParameters/source/commit").asText()).isEqualTo(COMMIT);
    assertThat(def.at("/externalParameters/buildCommand").asText())
        .isEqualTo("wasmlet push . reg.example/app:1");
    assertThat(def.at("/resolvedDependencies/0/uri").asText())
        .isEqualTo("git+https://git.example/acme/app@" + COMMIT);
    assertThat(def.at("/resolvedDependencies/0/digest/gitCommit").asText()).isEqualTo(COMMIT);
    assertThat(def.at("/resolvedDependencies/1/uri").asText()).isEqualTo("file:app.wasm");
    assertThat(def.at("/resolvedDependencies/1/digest/sha256").asText()).isEqualTo("ef".repeat(32));
    assertThat(s.at("/predicate/runDetails/builder/id").asText())
        .isEqualTo("https://ci.example/runner");
    assertThat(s.at("/predicate/runDetails/metadata/invocationId").asText()).isEqualTo("run-7");
    assertThat(s.at("/predicate/runDetails/metadata/startedOn").asText())
        .isEqualTo("2026-01-02T03:04:05Z");
    assertThat(s.at("/predicate/runDetails/metadata/finishedOn").asText())
        .isEqualTo("2026-01-02T03:04:06Z");
  }

  @Test
  void schemaRejectsTheBarePathUriAndTheMissingBuilderProvenanceOnceHad() throws Exception {
    Provenance p =
        Provenance.builder()
            .withBuilderId("https://ci.example/runner")
            .withBuildCommand("wasmlet push . reg.example/app:1")
            .build();
    ObjectNode s =
        (ObjectNode)
            JSON.readTree(
                Statements.provenance(List.of(Subject.ofDigest("reg.example/app", DIGEST)), p)
                    .toJson());
    ProvenanceSchema.assertValid(s);
    ObjectNode def = (ObjectNode) s.at("/predicate/buildDefinition");
    def.putArray("resolvedDependencies")
        .addObject()
        .put("uri", "git+/srv/git/app@" + COMMIT)
        .putObject("digest")
        .put("gitCommit", COMMIT);
    ((ObjectNode) s.at("/predicate/runDetails/builder")).remove("id");
    ((ObjectNode) s.at("/predicate/runDetails/metadata")).put("startedOn", "2026-13-45T00:00:00Z");

    assertThat(ProvenanceSchema.problems(s))
        .anySatisfy(
            m -> assertThat(m).contains("/predicate/buildDefinition/resolvedDependencies/0/uri"))
        .anySatisfy(m -> assertThat(m).contains("/predicate/runDetails/builder").contains("id"))
        .anySatisfy(m -> assertThat(m).contains("/predicate/runDetails/metadata/startedOn"));
  }

  @Test
  void gitSourceReadsOriginAndHeadFromARealCheckout(@TempDir Path dir) throws Exception {
    run(dir, "git", "init", "-q");
    run(dir, "git", "remote", "add", "origin", "https://git.example/acme/app.git");
    Files.writeString(dir.resolve("a.txt"), "a", StandardCharsets.UTF_8);
    run(dir, "git", "add", "a.txt");
    run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "a");
    String head = run(dir, "git", "rev-parse", "HEAD");

    assertThat(GitSource.of(dir)).contains(new GitSource("https://git.example/acme/app.git", head));
  }

  @Test
  void credentialsInTheOriginUrlNeverReachTheProvenance(@TempDir Path dir) throws Exception {
    run(dir, "git", "init", "-q");
    run(
        dir,
        "git",
        "remote",
        "add",
        "origin",
        "https://ci-bot:ghp_s3cr3t@git.example/acme/app.git");
    Files.writeString(dir.resolve("a.txt"), "a", StandardCharsets.UTF_8);
    run(dir, "git", "add", "a.txt");
    run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "a");

    assertThat(GitSource.of(dir).orElseThrow().repository())
        .isEqualTo("https://git.example/acme/app.git");
    assertThat(GitSource.withoutCredentials("git@git.example:acme/app.git"))
        .isEqualTo("git@git.example:acme/app.git");
    assertThat(GitSource.withoutCredentials("ssh://git@git.example/acme/app.git"))
        .isEqualTo("ssh://git.example/acme/app.git");
  }

  @Test
  void directoryOutsideAGitCheckoutHasNoSource(@TempDir Path dir) {
    assertThat(GitSource.of(dir)).isEmpty();
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
