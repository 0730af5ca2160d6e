package dev.wasmlet.cli;

import dev.wasmlet.signing.Dsse;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.SigningException;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.signing.Statements;
import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmlet sign REF}: a key-based Sigstore bundle (a DSSE envelope over an in-toto statement
 * whose subject is the artifact's manifest digest), attached in the registry under the referrers
 * tag fallback.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Sign an artifact in a registry with a key from wasmlet keys generate.")
final class SignCommand implements Callable<Integer> {
  /** The artifact type under which signature bundles are filed. */
  static final String SIGNATURE_TYPE = SigstoreBundle.MEDIA_TYPE;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String ref;

  @Option(names = "--key", required = true, description = "Private key file (NAME.key).")
  Path key;

  @Option(
      names = "--public-key",
      description = "Public key file (default: the --key file with .pub instead of .key).")
  Path publicKey;

  @Option(
      names = "--passphrase-stdin",
      description = "Read the private key's passphrase from standard input.")
  boolean passphraseStdin;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    Reference r = registry.reference(ref);
    PrivateKey priv;
    PublicKey pub;
    try {
      priv =
          passphraseStdin
              ? Keys.readPrivateKey(key, Secrets.readStdin())
              : Keys.readPrivateKey(key);
      pub = Keys.readPublicKey(publicKey != null ? publicKey : pubFor(key));
    } catch (SigningException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
    try {
      Registry reg = registry.registry(r, System.in);
      String digest = reg.fetchManifest(r).digest();
      byte[] statement = Statements.signature(r.repository(), digest).toJson();
      SigstoreBundle bundle = SigstoreBundle.sign(Dsse.IN_TOTO, statement, priv, pub);
      Attachments.attach(
          reg, r.withDigest(digest), SIGNATURE_TYPE, SigstoreBundle.MEDIA_TYPE, bundle.toJson());
      PrintWriter out = spec.commandLine().getOut();
      out.println("signed " + r.repository() + "@" + digest + " with key " + Keys.keyId(pub));
      out.flush();
      return ExitCodes.OK;
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }

  static Path pubFor(Path key) {
    String n = key.getFileName().toString();
    String base = n.endsWith(".key") ? n.substring(0, n.length() - 4) : n;
    return key.resolveSibling(base + ".pub");
  }
}
