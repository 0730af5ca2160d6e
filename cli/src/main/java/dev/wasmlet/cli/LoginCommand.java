package dev.wasmlet.cli;

import dev.wasmlet.trust.Credentials;
import dev.wasmlet.trust.DockerConfig;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.ReferenceInvalid;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.RegistrySpeaksPlainHttp;
import dev.wasmlet.trust.TrustException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmlet login REGISTRY}: checks a user name and password against the registry, then keeps
 * them where docker and skopeo keep theirs ({@link DockerConfig}), for every later registry
 * command.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description =
        "Check credentials against a registry, then store them in $REGISTRY_AUTH_FILE if set, else"
            + " $DOCKER_CONFIG/config.json, else ~/.docker/config.json (0600), where push, pull,"
            + " sign, verify, up --from and deploy --from find them, as do docker and skopeo.")
final class LoginCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "HOST[:PORT], e.g. ghcr.io.")
  String registry;

  @Option(names = "--username", required = true, paramLabel = "USER", description = "User name.")
  String username;

  @Option(
      names = "--password-stdin",
      required = true,
      description = "Read the password (or token) from stdin.")
  boolean passwordStdin;

  @Option(
      names = "--insecure",
      description = "Plain HTTP, for a registry on this machine only (localhost, 127.0.0.1, ::1).")
  boolean insecure;

  @Override
  public Integer call() {
    String host = host(registry);
    Credentials credentials = new Credentials(username, RegistryOptions.readPassword(System.in));
    try {
      Registry.builder(probe(host))
          .withInsecure(insecure)
          .withCredentials(credentials)
          .build()
          .checkLogin();
      Path file = DockerConfig.fromEnvironment().store(host, credentials);
      spec.commandLine()
          .getOut()
          .println("login succeeded for " + host + " (credentials in " + file + ")");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    } catch (RegistrySpeaksPlainHttp e) {
      if (!e.onThisMachine()) {
        throw RegistryOptions.failure(e);
      }
      throw new CliFailure(
          ExitCodes.USAGE,
          e.getMessage()
              + ":\n  wasmlet login "
              + host
              + " --username "
              + shellWord(username)
              + " --password-stdin --insecure",
          e);
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }

  /** A word as a POSIX shell reads it back: as is when plain, else in single quotes. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9._@%+=:,/-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /** The registry as {@code auths} keys it: {@code host[:port]}, a scheme or trailing / dropped. */
  static String host(String text) {
    String host = text.replaceFirst("^(?i)https?://", "").replaceFirst("/+$", "");
    try {
      return Reference.parse(host + "/login:x").registry();
    } catch (ReferenceInvalid e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "\"" + text + "\" is not a registry; write HOST[:PORT], e.g. ghcr.io or 127.0.0.1:5000",
          e);
    }
  }

  /**
   * A reference on the registry, only for building a {@link Registry}: login names no repository.
   */
  private static Reference probe(String host) {
    return new Reference(host, "login", Optional.of("x"), Optional.empty());
  }
}
