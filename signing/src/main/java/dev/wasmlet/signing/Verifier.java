package dev.wasmlet.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an artifact's {@link Evidence} against a {@link Policy}, failing closed: checks run in a
 * fixed order and the first that fails ends the verification with a {@link PolicyRejected} naming
 * it. There is no "warn and continue".
 *
 * <p>The checks, in order: {@code registry-allowed}, {@code signature-present}, {@code
 * key-trusted}, {@code signature-valid}, {@code subject-matches}, {@code provenance-present},
 * {@code provenance-valid}, {@code provenance-subject-matches}, {@code builder-trusted}, {@code
 * source-trusted}. {@code key-trusted} comes before {@code signature-valid} because a key-based
 * bundle names its key only by id: the signature can be checked only with a key the policy holds. A
 * bundle that cannot be read at all fails {@code signature-valid} (or {@code provenance-valid}).
 */
public final class Verifier {
  private final Policy policy;

  public Verifier(Policy policy) {
    this.policy = policy;
  }

  /** The verdict, every check passed; or a {@link PolicyRejected} at the first failing check. */
  public Verdict verify(Evidence evidence) {
    return new Run(evidence).verify();
  }

  private final class Run {
    private final Evidence evidence;
    private final String digest;
    private final List<Check> checks = new ArrayList<>();

    Run(Evidence evidence) {
      this.evidence = evidence;
      this.digest = evidence.artifactDigest();
    }

    Verdict verify() {
      registry();
      if (unsignedLocalAllowed()) {
        pass(
            "signature-present",
            "unsigned local artifact allowed by the policy (allowUnsignedLocal)");
        pass(
            "provenance-present",
            "unsigned local artifact allowed by the policy (allowUnsignedLocal); it has no"
                + " provenance to check");
        return new Verdict(digest, checks);
      }
      signature();
      provenance();
      return new Verdict(digest, checks);
    }

    /** A local artifact with no bundles at all, and a policy that lets such artifacts run. */
    private boolean unsignedLocalAllowed() {
      return evidence.registryHost().isEmpty()
          && evidence.signatureBundles().isEmpty()
          && evidence.provenanceBundles().isEmpty()
          && policy.allowUnsignedLocal();
    }

    private void pass(String check, String message) {
      checks.add(Check.pass(check, message));
    }

    /** Records the failed check; the caller throws what it returns. */
    private PolicyRejected fail(String check, String message) {
      checks.add(Check.fail(check, message));
      return new PolicyRejected(new Verdict(digest, checks));
    }

    private void registry() {
      Optional<String> host = evidence.registryHost();
      if (host.isEmpty()) {
        pass("registry-allowed", "local artifact, not pulled from a registry");
        return;
      }
      for (String pattern : policy.allowedRegistries()) {
        if (Glob.of(pattern).matches(host.get())) {
          pass(
              "registry-allowed", "registry " + host.get() + " matches allowed pattern " + pattern);
          return;
        }
      }
      throw fail(
          "registry-allowed",
          "registry "
              + host.get()
              + " is not allowed by the policy (allowedRegistries: "
              + policy.allowedRegistries()
              + ")");
    }

    private void signature() {
      List<byte[]> bundles = evidence.signatureBundles();
      if (bundles.isEmpty()) {
        if (evidence.registryHost().isEmpty()) {
          throw fail(
              "signature-present",
              "unsigned local artifact "
                  + digest
                  + ": the policy does not allow unsigned local artifacts (allowUnsignedLocal ="
                  + " false); push it signed (wasmlet push --key) and deploy it from the registry"
                  + " (--from REF)");
        }
        throw fail(
            "signature-present",
            "no signature bundle for "
                + digest
                + "; sign the artifact with a trusted key (wasmlet sign)");
      }
      pass("signature-present", present(bundles.size(), "signature"));
      anyOf(
          bundles,
          b -> {
            Statement statement =
                signedStatement(
                    b, "signature-valid", "key-trusted", "signature", Statements.SIGNATURE);
            subject(statement, "subject-matches", "signature");
          });
    }

    private void provenance() {
      List<byte[]> bundles = evidence.provenanceBundles();
      if (!policy.requireProvenance()) {
        // not required, not judged: a policy without builders or sources must not refuse an
        // artifact only because its signer also attached provenance
        pass(
            "provenance-present",
            "provenance not required by the policy"
                + (bundles.isEmpty()
                    ? ""
                    : "; " + present(bundles.size(), "provenance") + ", not checked"));
        return;
      }
      if (bundles.isEmpty()) {
        throw fail(
            "provenance-present",
            "no provenance bundle for "
                + digest
                + "; the policy requires SLSA provenance (requireProvenance)");
      }
      pass("provenance-present", present(bundles.size(), "provenance"));
      anyOf(
          bundles,
          b -> {
            Statement statement =
                signedStatement(
                    b, "provenance-valid", "provenance-valid", "provenance", Statements.PROVENANCE);
            subject(statement, "provenance-subject-matches", "provenance");
            builder(statement);
            source(statement);
          });
    }

    private static String present(int n, String what) {
      return n == 1 ? what + " bundle present" : n + " " + what + " bundles present";
    }

    /**
     * Runs the checks of one bundle after another until one passes them all. When none does, the
     * checks of the bundle that got furthest are kept and its failure ends the verification.
     */
    private void anyOf(List<byte[]> bundles, java.util.function.Consumer<byte[]> checksOfOne) {
      int mark = checks.size();
      List<Check> furthest = null;
      for (byte[] bundle : bundles) {
        try {
          checksOfOne.accept(bundle);
          return;
        } catch (PolicyRejected e) {
          List<Check> tried = new ArrayList<>(checks.subList(mark, checks.size()));
          if (furthest == null || tried.size() > furthest.size()) {
            furthest = tried;
          }
          checks.subList(mark, checks.size()).clear();
        }
      }
      checks.addAll(furthest);
      throw new PolicyRejected(new Verdict(digest, checks));
    }

    /** Parses a bundle, finds its trusted key, checks its DSSE signature and statement type. */
    private Statement signedStatement(
        byte[] json, String validCheck, String keyCheck, String what, String predicateType) {
      SigstoreBundle bundle;
      try {
        bundle = SigstoreBundle.parse(json);
      } catch (BundleInvalid e) {
        throw fail(validCheck, what + " " + e.getMessage());
      }
      TrustedKey key =
          policy.trustedKeys().stream()
              .filter(k -> k.id().equals(bundle.keyHint()))
              .findFirst()
              .orElse(null);
      if (key == null) {
        throw fail(
            keyCheck,
            what
                + " bundle is signed by key "
                + bundle.keyHint()
                + ", which is not a trusted key; add its public key to the policy's trustedKeys");
      }
      if (keyCheck.equals("key-trusted")) {
        pass(keyCheck, "signed by trusted key " + key.id() + " (" + key.source() + ")");
      }
      if (!Dsse.verify(bundle.envelope(), key.key())) {
        throw fail(
            validCheck,
            what
                + " bundle's DSSE signature does not verify with trusted key "
                + key.id()
                + ": the payload or the signature was changed");
      }
      if (!Dsse.IN_TOTO.equals(bundle.envelope().payloadType())) {
        throw fail(
            validCheck,
            what
                + " payload type is "
                + bundle.envelope().payloadType()
                + ", expected "
                + Dsse.IN_TOTO);
      }
      Statement statement;
      try {
        statement = Statement.parse(bundle.envelope().payload());
      } catch (BundleInvalid e) {
        throw fail(validCheck, what + " bundle's " + e.getMessage());
      }
      if (!predicateType.equals(statement.predicateType())) {
        throw fail(
            validCheck,
            what
                + " statement has predicate type "
                + statement.predicateType()
                + ", expected "
                + predicateType);
      }
      pass(validCheck, what + " bundle's DSSE signature verifies with trusted key " + key.id());
      return statement;
    }

    private void subject(Statement statement, String check, String what) {
      for (Subject s : statement.subjects()) {
        if (s.digest().equals(digest)) {
          pass(check, what + " covers the artifact " + digest);
          return;
        }
      }
      throw fail(
          check,
          what
              + " covers "
              + statement.subjects().stream().map(Subject::digest).toList()
              + ", not the artifact "
              + digest);
    }

    private void builder(Statement statement) {
      Optional<String> id = Provenance.builderId(statement.predicate());
      if (id.isEmpty()) {
        throw fail("builder-trusted", "provenance names no builder (runDetails.builder.id)");
      }
      if (!policy.allowedBuilders().contains(id.get())) {
        throw fail(
            "builder-trusted",
            "builder "
                + id.get()
                + " is not an allowed builder (allowedBuilders: "
                + policy.allowedBuilders()
                + ")");
      }
      pass("builder-trusted", "builder " + id.get() + " is allowed");
    }

    private void source(Statement statement) {
      Optional<String> repo = Provenance.sourceRepository(statement.predicate());
      if (repo.isEmpty()) {
        throw fail(
            "source-trusted",
            "provenance names no source repository (buildDefinition.externalParameters.source.repository)");
      }
      for (String pattern : policy.allowedSources()) {
        if (Glob.of(pattern).matches(repo.get())) {
          pass("source-trusted", "source " + repo.get() + " matches allowed pattern " + pattern);
          return;
        }
      }
      throw fail(
          "source-trusted",
          "source "
              + repo.get()
              + " matches no allowed source pattern (allowedSources: "
              + policy.allowedSources()
              + ")");
    }
  }
}
