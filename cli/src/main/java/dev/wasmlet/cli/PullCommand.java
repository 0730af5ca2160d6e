package dev.wasmlet.cli;

import dev.wasmlet.trust.ArtifactPull;
import dev.wasmlet.trust.PulledApp;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet pull}: fetch an app into the local content store and lay it out. */
@Command(
    mixinStandardHelpOptions = true,
    name = "pull",
    description =
        "Pull an app (or a single Wasm module) from an OCI registry into the local content store;"
            + " prints its digest and the app directory.")
final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String ref;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() {
    PulledApp app = pull(registry, registry.reference(ref));
    PrintWriter out = spec.commandLine().getOut();
    out.println(app.digest());
    out.println("app directory: " + app.directory());
    out.flush();
    return ExitCodes.OK;
  }

  static PulledApp pull(RegistryOptions options, Reference ref) {
    try {
      return ArtifactPull.pull(options.registry(ref, System.in), ref, options.contentStore());
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }
}
