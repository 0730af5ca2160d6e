package dev.wasmlet.cli;

import dev.wasmlet.signing.Dsse;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.SigningException;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.signing.Statement;
import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The signing key options of {@code sign} and {@code push}, and how a signed statement is filed.
 */
final class SigningOptions {
  @Option(names = "--key", paramLabel = "FILE", description = "Private key file (NAME.key).")
  Optional<Path> key;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "Public key file (default: the --key file with .pub instead of .key).")
  Optional<Path> publicKey;

  @Option(
      names = "--passphrase-stdin",
      description = "Read the private key's passphrase from standard input.")
  boolean passphraseStdin;

  boolean present() {
    return key.isPresent();
  }

  /**
   * The key pair named by {@code --key}; a usage error when it cannot be read or when standard
   * input would be read for both the passphrase and the registry password.
   */
  KeyPair load(RegistryOptions registry) {
    Path k =
        key.orElseThrow(() -> new CliFailure(ExitCodes.USAGE, "give the signing key: --key", null));
    if (passphraseStdin && registry.passwordStdin) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--passphrase-stdin and --password-stdin both read standard input; use an unencrypted"
              + " key or log in to the registry another way",
          null);
    }
    try {
      return new KeyPair(
          Keys.readPublicKey(publicKey.orElseGet(() -> pubFor(k))),
          passphraseStdin ? Keys.readPrivateKey(k, Secrets.readStdin()) : Keys.readPrivateKey(k));
    } catch (SigningException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read the passphrase: " + e.getMessage(), e);
    }
  }

  /**
   * Signs an in-toto statement as a Sigstore bundle and files it with the artifact {@code digest}
   * under the referrers tag fallback, as {@code artifactType}.
   */
  static void attach(
      Registry registry,
      Reference ref,
      String digest,
      String artifactType,
      Statement statement,
      KeyPair keys) {
    SigstoreBundle bundle =
        SigstoreBundle.sign(Dsse.IN_TOTO, statement.toJson(), keys.getPrivate(), keys.getPublic());
    Attachments.attach(
        registry, ref.withDigest(digest), artifactType, SigstoreBundle.MEDIA_TYPE, bundle.toJson());
  }

  static Path pubFor(Path key) {
    String n = key.getFileName().toString();
    String base = n.endsWith(".key") ? n.substring(0, n.length() - 4) : n;
    return key.resolveSibling(base + ".pub");
  }
}
