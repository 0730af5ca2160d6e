package dev.wasmlet.cli;

import dev.wasmlet.trust.AppArtifact;
import dev.wasmlet.trust.ArtifactPush;
import dev.wasmlet.trust.PushReport;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet push}: lock an app and push it to an OCI registry in Spin's format. */
@Command(
    name = "push",
    description =
        "Push an app to an OCI registry (Spin's registry format); only blobs the registry lacks"
            + " are sent. Prints the pushed digest.")
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..2",
      paramLabel = "[DIR] REF",
      description = "App directory (default: the current one), then REGISTRY/REPOSITORY:TAG.")
  List<String> args;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() {
    Path dir = Path.of(args.size() == 2 ? args.get(0) : ".");
    Reference ref = registry.reference(args.get(args.size() - 1));
    PrintWriter out = spec.commandLine().getOut();
    try {
      AppArtifact artifact = AppArtifact.pack(dir);
      PushReport report = ArtifactPush.push(registry.registry(ref, System.in), ref, artifact);
      out.printf(
          "pushed %s (%d blobs sent, %d bytes; %d already there)%n",
          report.reference(), report.sent().size(), report.bytesSent(), report.present().size());
      out.println(report.digest());
      out.flush();
      return ExitCodes.OK;
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }
}
