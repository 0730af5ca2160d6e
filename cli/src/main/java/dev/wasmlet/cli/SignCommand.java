package dev.wasmlet.cli;

import dev.wasmlet.kube.AttachedBundles;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Statements;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
  static final String SIGNATURE_TYPE = AttachedBundles.SIGNATURE_TYPE;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String ref;

  @Mixin SigningOptions signing;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() {
    Reference r = registry.reference(ref);
    KeyPair keys = signing.load(registry);
    try {
      Registry reg = registry.registry(r, System.in);
      String digest = reg.fetchManifest(r).digest();
      SigningOptions.attach(
          reg, r, digest, SIGNATURE_TYPE, Statements.signature(r.repository(), digest), keys);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "signed " + r.repository() + "@" + digest + " with key " + Keys.keyId(keys.getPublic()));
      out.flush();
      return ExitCodes.OK;
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }
}
