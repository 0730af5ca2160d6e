package dev.wasmlet.cli;

import dev.wasmlet.trust.DockerConfig;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet logout REGISTRY}: forgets the credentials {@code wasmlet login} stored. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "Remove a registry's credentials from the file wasmlet login writes (every entry for the"
            + " host, also those written as https://HOST); the rest of the file is kept.")
final class LogoutCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "HOST[:PORT], e.g. ghcr.io.")
  String registry;

  @Override
  public Integer call() {
    String host = LoginCommand.host(registry);
    DockerConfig config = DockerConfig.fromEnvironment();
    try {
      boolean removed = config.remove(host);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          (removed ? "removed the credentials for " : "not logged in to ")
              + host
              + " ("
              + config.file()
              + ")");
      out.flush();
      return ExitCodes.OK;
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }
}
