package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.testing.ProvenanceSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a build's source is, as a real git checkout says, and how provenance publishes it. */
class GitSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void localPathRemoteBecomesAPercentEncodedFileUri(@TempDir Path tmp) throws Exception {
    Path upstream = Files.createDirectories(tmp.toRealPath().resolve("my repos/100% app.git"));
    run(upstream, "git", "init", "-q", "--bare");
    Path dir = checkout(tmp.resolve("work"), upstream.toString());
    String head = run(dir, "git", "rev-parse", "HEAD");

    GitSource source = GitSource.of(dir).orElseThrow();

    String expected = "file://" + tmp.toRealPath() + "/my%20repos/100%25%20app.git";
    assertThat(source.repository()).isEqualTo(expected);
    assertThat(Path.of(URI.create(source.repository()))).isEqualTo(upstream);
    JsonNode p = provenance(source);
    ProvenanceSchema.assertValid(p);
    assertThat(p.at("/predicate/buildDefinition/externalParameters/source/repository").asText())
        .isEqualTo(expected);
    assertThat(p.at("/predicate/buildDefinition/resolvedDependencies/0/uri").asText())
        .isEqualTo("git+" + expected + "@" + head);
  }

  @Test
  void relativeRemoteIsResolvedAgainstTheTopOfTheCheckout(@TempDir Path tmp) throws Exception {
    Path dir = checkout(tmp.resolve("work"), "../upstream.git");
    Files.createDirectories(dir.resolve("sub"));

    assertThat(GitSource.of(dir.resolve("sub")).orElseThrow().repository())
        .isEqualTo("file://" + tmp.toRealPath().resolve("upstream.git"));
  }

  @Test
  void checkoutWithoutARemoteNamesItsOwnDirectoryAsAFileUri(@TempDir Path tmp) throws Exception {
    Path dir = checkout(tmp.resolve("no remote"), null);

    GitSource source = GitSource.of(dir).orElseThrow();

    assertThat(source.repository()).isEqualTo("file://" + tmp.toRealPath() + "/no%20remote");
    ProvenanceSchema.assertValid(provenance(source));
  }

  @Test
  void credentialsInTheRemoteNeverReachTheProvenanceEvenWithAnAtInThePassword(@TempDir Path tmp)
      throws Exception {
    Path dir = checkout(tmp, "https://ci-bot:p@ss%40w0rd@git.example/acme/app.git");

    GitSource source = GitSource.of(dir).orElseThrow();
    String published = provenance(source).toString();

    assertThat(source.repository()).isEqualTo("https://git.example/acme/app.git");
    assertThat(published).doesNotContain("ci-bot").doesNotContain("p@ss").doesNotContain("w0rd");
    assertThat(new GitSource("http://u:t0ken@git.example/a.git?x=1", COMMIT).repository())
        .isEqualTo("http://git.example/a.git?x=1");
  }

  @Test
  void scpLikeRemoteKeepsItsSpellingAndDependsOnTheSshUriItStandsFor(@TempDir Path tmp)
      throws Exception {
    Path dir = checkout(tmp, "git@git.example:acme/app.git");
    String head = run(dir, "git", "rev-parse", "HEAD");

    GitSource source = GitSource.of(dir).orElseThrow();

    assertThat(source.repository()).isEqualTo("git@git.example:acme/app.git");
    assertThat(source.dependencyUri()).isEqualTo("git+ssh://git.example/acme/app.git@" + head);
    ProvenanceSchema.assertValid(provenance(source));
  }

  @Test
  void absolutePathGivenDirectlyIsWrittenAsAFileUri() {
    GitSource source = new GitSource("/srv/git/a b@c.git", COMMIT);

    assertThat(source.repository()).isEqualTo("file:///srv/git/a%20b%40c.git");
    assertThat(source.dependencyUri()).isEqualTo("git+file:///srv/git/a%20b%40c.git@" + COMMIT);
  }

  @Test
  void relativeRepositoryIsRefusedWithTheFix() {
    assertThatThrownBy(() -> new GitSource("../app", COMMIT))
        .isInstanceOf(SigningException.class)
        .hasMessage(
            "source repository \"../app\" is a relative path; give its URL or an absolute path");
  }

  private static JsonNode provenance(GitSource source) throws Exception {
    Provenance p =
        Provenance.builder()
            .withBuilderId("https://ci.example/runner")
            .withSource(source)
            .withBuildCommand("wasmlet push . reg.example/app:1")
            .withFileMaterial("static/a b%.html", "ef".repeat(32))
            .build();
    return JSON.readTree(
        Statements.provenance(
                List.of(Subject.ofDigest("reg.example/app", "sha256:" + "cd".repeat(32))), p)
            .toJson());
  }

  /** A checkout with one commit and, unless null, that origin remote. */
  private static Path checkout(Path dir, String origin) throws Exception {
    Files.createDirectories(dir);
    run(dir, "git", "init", "-q");
    if (origin != null) {
      run(dir, "git", "remote", "add", "origin", origin);
    }
    Files.writeString(dir.resolve("a.txt"), "a", StandardCharsets.UTF_8);
    run(dir, "git", "add", "a.txt");
    run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "a");
    return dir;
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
