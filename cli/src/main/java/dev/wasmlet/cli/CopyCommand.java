package dev.wasmlet.cli;

import dev.wasmlet.trust.ArtifactCopy;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet copy SRC DST}: mirror an artifact with its signatures and provenance. */
@Command(
    mixinStandardHelpOptions = true,
    name = "copy",
    description =
        "Copy an artifact to another repository or registry with everything attached to it"
            + " (signatures, provenance), keeping its digest; every blob is checked on the way."
            + " --username/--password-stdin are for the destination; the source uses stored"
            + " credentials (wasmlet login, docker login, skopeo login).")
final class CopyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String source;

  @Parameters(
      index = "1",
      paramLabel = "DST",
      description = "REGISTRY/REPOSITORY:TAG (or @DIGEST: the source's, to push untagged).")
  String target;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() {
    Reference from = registry.reference(source);
    Reference to = registry.reference(target);
    ArtifactCopy.Report r;
    try {
      r =
          ArtifactCopy.copy(
              registry.registry(from, System.in, false),
              from,
              registry.registry(to, System.in, true),
              to);
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "copied "
            + from
            + " to "
            + to.registry()
            + "/"
            + to.repository()
            + "@"
            + r.digest()
            + ": "
            + r.blobsCopied()
            + " blobs sent ("
            + Bytes.of(r.bytesCopied())
            + "), "
            + r.blobsPresent()
            + " already there, "
            + r.attachments()
            + (r.attachments() == 1 ? " attachment" : " attachments"));
    out.flush();
    return ExitCodes.OK;
  }
}
