package dev.wasmlet.cli;

import dev.wasmlet.signing.GitSource;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Provenance;
import dev.wasmlet.signing.Statements;
import dev.wasmlet.signing.Subject;
import dev.wasmlet.trust.AppArtifact;
import dev.wasmlet.trust.ArtifactFile;
import dev.wasmlet.trust.ArtifactPush;
import dev.wasmlet.trust.PushReport;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmlet push}: lock an app and push it to an OCI registry in Spin's format; with {@code
 * --key}, also sign it and attach a signed SLSA v1 provenance of the push.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "push",
    description =
        "Push an app to an OCI registry (Spin's registry format); only blobs the registry lacks"
            + " are sent. With --key, the artifact is signed and a signed SLSA v1 provenance"
            + " (source repository and commit from git, the command, every file's digest) is"
            + " attached. Prints the pushed digest.")
final class PushCommand implements Callable<Integer> {
  /** The builder id recorded when neither --builder-id nor WASMLET_BUILDER_ID names one. */
  static final String DEFAULT_BUILDER = "https://wasmlet.dev/builders/cli/v1";

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..2",
      paramLabel = "[DIR] REF",
      description = "App directory (default: the current one), then REGISTRY/REPOSITORY:TAG.")
  List<String> args;

  @Option(
      names = "--builder-id",
      paramLabel = "URI",
      description =
          "The SLSA builder id the provenance names (default: $WASMLET_BUILDER_ID, else "
              + DEFAULT_BUILDER
              + "); a CI system sets its own.")
  Optional<String> builderId;

  @Mixin RegistryOptions registry;

  @Mixin SigningOptions signing;

  @Override
  public Integer call() {
    Instant started = Instant.now();
    Path dir = Path.of(args.size() == 2 ? args.get(0) : ".");
    Reference ref = registry.reference(args.get(args.size() - 1));
    KeyPair keys = signing.present() ? signing.load(registry) : null;
    PrintWriter out = spec.commandLine().getOut();
    try {
      AppArtifact artifact = AppArtifact.pack(dir);
      Registry reg = registry.registry(ref, System.in);
      PushReport report = ArtifactPush.push(reg, ref, artifact);
      out.printf(
          "pushed %s (%d blobs sent, %d bytes; %d already there)%n",
          report.reference(), report.sent().size(), report.bytesSent(), report.present().size());
      if (keys != null) {
        String digest = report.digest();
        SigningOptions.attach(
            reg,
            ref,
            digest,
            SignCommand.SIGNATURE_TYPE,
            Statements.signature(ref.repository(), digest),
            keys);
        Provenance provenance = provenance(dir, artifact, started);
        SigningOptions.attach(
            reg,
            ref,
            digest,
            VerifyCommand.PROVENANCE_TYPE,
            Statements.provenance(List.of(Subject.ofDigest(ref.repository(), digest)), provenance),
            keys);
        out.printf(
            "signed with key %s; provenance: builder %s, source %s%n",
            Keys.keyId(keys.getPublic()),
            provenance.builderId(),
            provenance
                .source()
                .map(s -> s.repository() + "@" + s.commit())
                .orElse("none (not a git checkout)"));
      }
      out.println(report.digest());
      out.flush();
      return ExitCodes.OK;
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }

  /** The facts of this push: who built it, from what source, with what command, of what files. */
  private Provenance provenance(Path dir, AppArtifact artifact, Instant started) {
    Provenance.Builder b =
        Provenance.builder()
            .withBuilderId(
                builderId
                    .or(() -> Optional.ofNullable(System.getenv("WASMLET_BUILDER_ID")))
                    .filter(s -> !s.isBlank())
                    .orElse(DEFAULT_BUILDER))
            .withBuildCommand(
                "wasmlet " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
            .withStartedOn(started)
            .withFinishedOn(Instant.now());
    Optional<GitSource> source = GitSource.of(dir.toAbsolutePath());
    source.ifPresent(b::withSource);
    if (source.isPresent() && GitSource.dirty(dir.toAbsolutePath())) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: "
                  + dir
                  + " has uncommitted changes; the provenance names commit "
                  + source.get().commit()
                  + " but the files pushed differ from it");
    }
    for (ArtifactFile f : artifact.files()) {
      b.withFileMaterial(f.path(), f.blob().digest().substring("sha256:".length()));
    }
    return b.build();
  }
}
