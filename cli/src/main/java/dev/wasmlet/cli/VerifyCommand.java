package dev.wasmlet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.kube.AttachedBundles;
import dev.wasmlet.signing.Check;
import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.PolicyInvalid;
import dev.wasmlet.signing.PolicyRejected;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.trust.ArtifactBlobs;
import dev.wasmlet.trust.DigestMismatch;
import dev.wasmlet.trust.FetchedManifest;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            + " provenance, and that every blob matches its digest; prints each check and exits"
            + " non-zero at the first that fails.")
final class VerifyCommand implements Callable<Integer> {
  /** The artifact type under which provenance bundles are filed. */
  static final String PROVENANCE_TYPE = AttachedBundles.PROVENANCE_TYPE;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "REGISTRY/REPOSITORY:TAG or @DIGEST.")
  String ref;

  @Option(names = "--policy", required = true, description = "Policy file (TOML or JSON).")
  Path policy;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--skip-blobs",
      description =
          "Check the signature and provenance only; do not fetch the artifact's blobs to check"
              + " their digests (by default every byte is checked, as pull does).")
  boolean skipBlobs;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      description =
          "text (one line per check) or json ({reference, digest, verified, checks}) for scripts."
              + " Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Override
  public Integer call() {
    Reference r = registry.reference(ref);
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.TEXT) {
      Verdict v = report(verdictOrRejected(registry, r, policy, !skipBlobs), out);
      if (skipBlobs) {
        out.println("SKIP blobs-intact: --skip-blobs: the artifact's blobs were not fetched");
      }
      out.println("verified " + r.repository() + "@" + v.artifactDigest());
      out.flush();
      return ExitCodes.OK;
    }
    Verdict v;
    Optional<PolicyRejected> rejected = Optional.empty();
    try {
      v = verdict(registry, r, policy, !skipBlobs);
    } catch (PolicyRejected e) {
      v = e.verdict();
      rejected = Optional.of(e);
    }
    ObjectNode doc = JSON.createObjectNode();
    doc.put("reference", r.toString());
    doc.put("digest", v.artifactDigest());
    doc.put("verified", rejected.isEmpty());
    doc.put("blobsChecked", !skipBlobs);
    ArrayNode checks = doc.putArray("checks");
    for (Check c : v.checks()) {
      checks
          .addObject()
          .put("name", c.name())
          .put("passed", c.passed())
          .put("message", c.message());
    }
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the verdict as JSON", e);
    }
    out.flush();
    if (rejected.isPresent()) {
      throw new CliFailure(
          ExitCodes.REFUSED, "rejected by policy: " + rejected.get().getMessage(), rejected.get());
    }
    return ExitCodes.OK;
  }

  /**
   * Runs every policy check on the artifact at {@code r}, printing each to {@code out}.
   *
   * @throws CliFailure with {@link ExitCodes#REFUSED} at the first check that fails
   */
  static Verdict check(RegistryOptions registry, Reference r, Path policy, PrintWriter out) {
    // the caller pulls next, which checks every blob on the way in
    return report(verdictOrRejected(registry, r, policy, false), out);
  }

  /** A verdict, or the rejection that ended one. */
  private record Outcome(Verdict verdict, PolicyRejected rejected) {}

  private static Outcome verdictOrRejected(
      RegistryOptions registry, Reference r, Path policy, boolean blobs) {
    try {
      return new Outcome(verdict(registry, r, policy, blobs), null);
    } catch (PolicyRejected e) {
      return new Outcome(e.verdict(), e);
    }
  }

  /** Prints every check; throws {@link ExitCodes#REFUSED} when one failed. */
  private static Verdict report(Outcome o, PrintWriter out) {
    out.println(o.verdict().report());
    out.flush();
    if (o.rejected() != null) {
      throw new CliFailure(
          ExitCodes.REFUSED, "rejected by policy: " + o.rejected().getMessage(), o.rejected());
    }
    return o.verdict();
  }

  /**
   * The verdict on the artifact at {@code r}: its manifest digest and every bundle filed with it.
   *
   * @throws PolicyRejected at the first check that fails
   * @throws CliFailure when the policy or the registry cannot be read
   */
  private static Verdict verdict(
      RegistryOptions registry, Reference r, Path policy, boolean blobs) {
    Verifier verifier;
    try {
      verifier = new Verifier(Policy.read(policy));
    } catch (PolicyInvalid e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
    Registry reg;
    FetchedManifest manifest;
    Evidence evidence;
    try {
      reg = registry.registry(r, System.in);
      manifest = reg.fetchManifest(r);
      evidence =
          AttachedBundles.of(reg, r, manifest.digest()).evidence(manifest.digest(), reg.host());
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
    Verdict v = verifier.verify(evidence);
    if (!blobs) {
      return v;
    }
    List<Check> checks = new ArrayList<>(v.checks());
    try {
      ArtifactBlobs.Checked c = ArtifactBlobs.check(reg, r, manifest);
      checks.add(
          Check.pass(
              "blobs-intact",
              c.blobs() + " blobs (" + Bytes.of(c.bytes()) + ") match their digests"));
    } catch (DigestMismatch e) {
      checks.add(Check.fail("blobs-intact", e.getMessage()));
      throw new PolicyRejected(new Verdict(v.artifactDigest(), checks));
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
    return new Verdict(v.artifactDigest(), checks);
  }
}
