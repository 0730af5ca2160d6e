package dev.wasmlet.cli;

import dev.wasmlet.signing.KeyAlgorithm;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.SigningException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wasmlet keys generate}: a signing key pair for {@code wasmlet sign}. */
@Command(
    name = "keys",
    description = "Signing keys.",
    mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand {
  /** Writes NAME.key (0600, PKCS#8 PEM) and NAME.pub (SPKI PEM). */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Generate a key pair: NAME.key (private, mode 0600) and NAME.pub.")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--name",
        defaultValue = "wasmlet",
        description = "Base name of the files (default: ${DEFAULT-VALUE}).")
    Path name;

    @Option(
        names = "--algorithm",
        defaultValue = "p256",
        description = "p256 (ECDSA P-256, default) or ed25519.")
    String algorithm;

    @Option(
        names = "--passphrase-stdin",
        description = "Encrypt the private key with a passphrase read from standard input.")
    boolean passphraseStdin;

    @Override
    public Integer call() throws Exception {
      KeyAlgorithm alg =
          switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "p256", "ecdsa-p256" -> KeyAlgorithm.ECDSA_P256;
            case "ed25519" -> KeyAlgorithm.ED25519;
            default ->
                throw new CliFailure(
                    ExitCodes.USAGE, "--algorithm must be p256 or ed25519, not " + algorithm, null);
          };
      Path priv = Path.of(name + ".key");
      Path pub = Path.of(name + ".pub");
      if (Files.exists(priv) || Files.exists(pub)) {
        throw new CliFailure(
            ExitCodes.USAGE, priv + " or " + pub + " exists already; choose another --name", null);
      }
      try {
        KeyPair kp = Keys.generate(alg);
        if (passphraseStdin) {
          char[] pass = Secrets.readStdin();
          Keys.writePrivateKey(priv, kp.getPrivate(), pass);
        } else {
          Keys.writePrivateKey(priv, kp.getPrivate());
        }
        Keys.writePublicKey(pub, kp.getPublic());
        PrintWriter out = spec.commandLine().getOut();
        out.println("private key: " + priv + " (mode 0600)");
        out.println("public key:  " + pub);
        out.println("key id:      " + Keys.keyId(kp.getPublic()));
        out.flush();
        return ExitCodes.OK;
      } catch (SigningException e) {
        throw new CliFailure(ExitCodes.SOFTWARE, e.getMessage(), e);
      }
    }
  }
}
