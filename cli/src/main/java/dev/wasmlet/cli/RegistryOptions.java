package dev.wasmlet.cli;

import dev.wasmlet.trust.ArtifactUnsupported;
import dev.wasmlet.trust.ContentStore;
import dev.wasmlet.trust.Credentials;
import dev.wasmlet.trust.CredentialsKeptByHelper;
import dev.wasmlet.trust.CredentialsMalformed;
import dev.wasmlet.trust.DigestMismatch;
import dev.wasmlet.trust.DockerConfig;
import dev.wasmlet.trust.InsecureRefused;
import dev.wasmlet.trust.PackFailed;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.ReferenceInvalid;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.RegistrySpeaksPlainHttp;
import dev.wasmlet.trust.RegistryUnreachable;
import dev.wasmlet.trust.TrustException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The registry options shared by {@code push}, {@code pull} and {@code up --from REF}. Without
 * {@code --username}, the credentials {@code wasmlet login}, {@code docker login} or {@code skopeo
 * login} stored for the registry are used ({@link DockerConfig}).
 */
final class RegistryOptions {
  @Option(
      names = "--insecure",
      description = "Plain HTTP, for a registry on this machine only (localhost, 127.0.0.1, ::1).")
  boolean insecure;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description =
          "Registry user name (default: what wasmlet login, docker login or skopeo login stored"
              + " for the registry).")
  Optional<String> username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password (or token) from stdin; needs --username.")
  boolean passwordStdin;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "Local content store for pulled artifacts (default: $WASMLET_OCI_DIR, else"
              + " $XDG_CACHE_HOME/wasmlet/oci, else ~/.cache/wasmlet/oci).")
  Optional<Path> store;

  /** The password read from standard input, kept for the command's later registry calls. */
  private String password;

  Reference reference(String text) {
    try {
      return Reference.parse(text);
    } catch (ReferenceInvalid e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  Registry registry(Reference ref, InputStream stdin) {
    return registry(ref, stdin, true);
  }

  /**
   * The registry of {@code ref}; with {@code explicit} false, {@code --username} does not apply
   * (the source of {@code wasmlet copy}, which uses stored credentials).
   */
  Registry registry(Reference ref, InputStream stdin, boolean explicit) {
    Registry.Builder b = Registry.builder(ref).withInsecure(insecure);
    if (!explicit) {
      try {
        DockerConfig.fromEnvironment().credentials(ref.registry()).ifPresent(b::withCredentials);
        return b.build();
      } catch (TrustException e) {
        throw failure(e);
      }
    }
    if (passwordStdin && username.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "--password-stdin needs --username", null);
    }
    if (username.isPresent()) {
      if (!passwordStdin) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--username needs --password-stdin (passwords are never taken on the command line)",
            null);
      }
      if (password == null) {
        password = readPassword(stdin); // once: a command may open the registry more than once
      }
      b.withCredentials(new Credentials(username.get(), password));
    }
    try {
      if (username.isEmpty()) {
        DockerConfig.fromEnvironment().credentials(ref.registry()).ifPresent(b::withCredentials);
      }
      return b.build();
    } catch (TrustException e) {
      throw failure(e);
    }
  }

  ContentStore contentStore() {
    return ContentStore.at(store.orElseGet(ContentStore::defaultRoot));
  }

  static String readPassword(InputStream stdin) {
    try {
      String s = new String(stdin.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      return s.endsWith("\r\n")
          ? s.substring(0, s.length() - 2)
          : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read the password from stdin: " + e, e);
    }
  }

  /** The one place a trust failure becomes an exit code. */
  static CliFailure failure(TrustException e) {
    int code =
        switch (e) {
          case ReferenceInvalid r -> ExitCodes.USAGE;
          case InsecureRefused r -> ExitCodes.USAGE;
          case RegistrySpeaksPlainHttp r -> ExitCodes.USAGE;
          case CredentialsMalformed r -> ExitCodes.USAGE;
          case CredentialsKeptByHelper r -> ExitCodes.USAGE;
          case PackFailed r -> ExitCodes.INVALID_APP;
          case ArtifactUnsupported r -> ExitCodes.INVALID_APP;
          case DigestMismatch r -> ExitCodes.REFUSED;
          case RegistryUnreachable r -> ExitCodes.UNREACHABLE;
          default -> ExitCodes.REFUSED;
        };
    return new CliFailure(code, e.getMessage(), e);
  }
}
