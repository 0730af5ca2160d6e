package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.ProvenanceSchema;
import dev.wasmlet.testing.Tools;
import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance {@code wasmlet push --key} attaches, read back from a real registry. */
class ProvenanceIT {
  @TempDir Path tmp;

  @Test
  void pushFromACloneOfALocalRepositoryNamesItAsAFileUriThatSlsaAccepts() throws Exception {
    Path upstream = Files.createDirectories(tmp.toRealPath().resolve("git repos/hello 100%.git"));
    Tools.run(upstream, "git", "init", "-q", "--bare");
    Path work = tmp.resolve("work");
    copyTree(Tools.root().resolve("examples/hello-c"), work);
    git(work, "init", "-q");
    git(work, "add", ".");
    git(work, "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "app");
    git(work, "push", "-q", upstream.toString(), "HEAD:refs/heads/main");
    Path app = tmp.resolve("app clone");
    Tools.run(tmp, "git", "clone", "-q", "-b", "main", upstream.toString(), app.toString());
    String commit = git(app, "rev-parse", "HEAD");
    String repository = "file://" + tmp.toRealPath() + "/git%20repos/hello%20100%25.git";

    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/prov/local:1.0";
      String key = PolicyFiles.key(tmp, "ci");
      CliRun push = CliRun.of("push", app.toString(), ref, "--insecure", "--key", key + ".key");
      assertThat(push.code()).as("%s", push).isZero();
      assertThat(push.out()).contains("source " + repository + "@" + commit);
      String digest = push.out().lines().reduce((a, b) -> b).orElseThrow();

      JsonNode statement = provenance(ref, digest);
      ProvenanceSchema.assertValid(statement);
      JsonNode def = statement.at("/predicate/buildDefinition");
      assertThat(def.at("/externalParameters/source/repository").asText()).isEqualTo(repository);
      assertThat(def.at("/resolvedDependencies/0/uri").asText())
          .isEqualTo("git+" + repository + "@" + commit);
      assertThat(def.at("/resolvedDependencies/0/digest/gitCommit").asText()).isEqualTo(commit);
    }
  }

  /** The one provenance statement attached to the artifact. */
  static JsonNode provenance(String ref, String digest) throws Exception {
    Reference r = Reference.parse(ref);
    Registry reg = Registry.builder(r).withInsecure(true).build();
    List<byte[]> bundles =
        Attachments.find(reg, r.repository(), digest, VerifyCommand.PROVENANCE_TYPE);
    assertThat(bundles).hasSize(1);
    return new ObjectMapper().readTree(SigstoreBundle.parse(bundles.get(0)).envelope().payload());
  }

  private static String git(Path dir, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tools.run(dir, command).strip();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
