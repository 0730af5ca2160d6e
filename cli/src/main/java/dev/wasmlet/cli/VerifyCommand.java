package dev.wasmlet.cli;

import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.PolicyRejected;
import dev.wasmlet.signing.SigningException;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet verify REF}: every policy check on an artifact in a registry, one per line. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check an artifact in a registry against a policy: registry, signature, key, subject,"
            + " provenance; prints each check and exits non-zero at the first that fails.")
final class VerifyCommand implements Callable<Integer> {
  /** The artifact type under which provenance bundles are filed. */
  static final String PROVENANCE_TYPE = "application/vnd.in-toto+json";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String ref;

  @Option(names = "--policy", required = true, description = "Policy file (TOML or JSON).")
  Path policy;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() {
    Reference r = registry.reference(ref);
    PrintWriter out = spec.commandLine().getOut();
    Verdict v = check(registry, r, policy, out);
    out.println("verified " + r.repository() + "@" + v.artifactDigest());
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Runs every policy check on the artifact at {@code r}, printing each to {@code out}.
   *
   * @throws CliFailure with {@link ExitCodes#REFUSED} at the first check that fails
   */
  static Verdict check(RegistryOptions registry, Reference r, Path policy, PrintWriter out) {
    Verifier verifier;
    try {
      verifier = new Verifier(Policy.read(policy));
    } catch (SigningException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
    Evidence evidence;
    try {
      Registry reg = registry.registry(r, System.in);
      String digest = reg.fetchManifest(r).digest();
      evidence = AttachedBundles.of(reg, r, digest).evidence(digest, reg.host());
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
    try {
      Verdict v = verifier.verify(evidence);
      out.println(v.report());
      out.flush();
      return v;
    } catch (PolicyRejected e) {
      out.println(e.verdict().report());
      out.flush();
      throw new CliFailure(ExitCodes.REFUSED, "rejected by policy: " + e.getMessage(), e);
    }
  }
}
