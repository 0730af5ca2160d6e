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
 * bundle names its key only by a hint: the signature can be checked only with a key the policy
 * holds. A hint naming a trusted key binds the bundle to that key; a bundle whose hint names none
 * (or that has none, as in cosign's legacy layout) passes {@code key-trusted} only when its
 * signature verifies with one of the trusted keys tried ({@link KeySearch}). A bundle that cannot
 * be read at all fails {@code signature-valid} (or {@code provenance-valid}).
 *
 * <p>A signature is a DSSE in-toto statement of predicate type {@link Statements#SIGNATURE} or
 * cosign's {@link Statements#COSIGN_SIGN}, or a {@link CosignSignature} in cosign's legacy
 * simple-signing layout; each must name the artifact's manifest digest.
 */
public final class Verifier {
  /** The predicate types of a signature statement: Wasmlet's own and cosign's. */
  private static final List<String> SIGNATURES =
      List.of(Statements.SIGNATURE, Statements.COSIGN_SIGN);

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
          && evidence.cosignSignatures().isEmpty()
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
      List<CosignSignature> cosign = evidence.cosignSignatures();
      if (bundles.isEmpty() && cosign.isEmpty()) {
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
      List<String> found = new ArrayList<>();
      if (!bundles.isEmpty()) {
        found.add(present(bundles.size(), "signature bundle"));
      }
      if (!cosign.isEmpty()) {
        found.add(present(cosign.size(), "cosign signature"));
      }
      pass("signature-present", String.join(", ", found));
      List<Runnable> candidates = new ArrayList<>();
      for (byte[] b : bundles) {
        candidates.add(
            () -> {
              Statement statement =
                  signedStatement(b, "signature-valid", "key-trusted", "signature", SIGNATURES);
              subject(statement, "subject-matches", "signature");
            });
      }
      for (CosignSignature c : cosign) {
        candidates.add(() -> cosignSignature(c));
      }
      anyOf(candidates);
    }

    /**
     * A signature in cosign's legacy layout: key-trusted and signature-valid over the payload's
     * bytes, then its {@code critical} claims: the type, and the manifest digest as the subject.
     */
    private void cosignSignature(CosignSignature signature) {
      TrustedKey key =
          signer(
              "cosign signature",
              "",
              "key-trusted",
              "signature-valid",
              k -> Dsse.verifies(signature.payload(), signature.signature(), k));
      CosignPayload payload;
      try {
        payload = CosignPayload.parse(signature.payload());
      } catch (BundleInvalid e) {
        throw fail("signature-valid", "cosign signature's " + e.getMessage());
      }
      pass("signature-valid", "cosign signature verifies with trusted key " + key.id());
      if (!payload.manifestDigest().equals(digest)) {
        throw fail(
            "subject-matches",
            "cosign signature covers ["
                + payload.manifestDigest()
                + "], not the artifact "
                + digest);
      }
      pass("subject-matches", "cosign signature covers the artifact " + digest);
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
                    : "; " + present(bundles.size(), "provenance bundle") + ", not checked"));
        return;
      }
      if (bundles.isEmpty()) {
        throw fail(
            "provenance-present",
            "no provenance bundle for "
                + digest
                + "; the policy requires SLSA provenance (requireProvenance)");
      }
      pass("provenance-present", present(bundles.size(), "provenance bundle"));
      anyOf(
          bundles.stream()
              .<Runnable>map(
                  b ->
                      () -> {
                        Statement statement =
                            signedStatement(
                                b,
                                "provenance-valid",
                                "provenance-valid",
                                "provenance",
                                List.of(Statements.PROVENANCE));
                        subject(statement, "provenance-subject-matches", "provenance");
                        require(ProvenanceRules.builder(policy, statement));
                        require(ProvenanceRules.source(policy, statement));
                      })
              .toList());
    }

    private static String present(int n, String what) {
      return n == 1 ? what + " present" : n + " " + what + "s present";
    }

    /**
     * Runs the checks of one bundle after another until one passes them all. When none does, the
     * checks of the bundle that got furthest are kept and its failure ends the verification.
     */
    private void anyOf(List<Runnable> checksOfEach) {
      int mark = checks.size();
      List<Check> furthest = null;
      for (Runnable checksOfOne : checksOfEach) {
        try {
          checksOfOne.run();
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
        byte[] json, String validCheck, String keyCheck, String what, List<String> predicateTypes) {
      SigstoreBundle bundle;
      try {
        bundle = SigstoreBundle.parse(json);
      } catch (BundleInvalid e) {
        throw fail(validCheck, what + " " + e.getMessage());
      }
      TrustedKey key =
          signer(
              what + " bundle",
              bundle.keyHint(),
              keyCheck,
              validCheck,
              k -> Dsse.verify(bundle.envelope(), k));
      if (!Dsse.IN_TOTO.equals(bundle.envelope().payloadType())) {
        throw fail(
            validCheck,
            what
                + " payload type is "
                + KeySearch.shown(bundle.envelope().payloadType())
                + ", expected "
                + Dsse.IN_TOTO);
      }
      Statement statement;
      try {
        statement = Statement.parse(bundle.envelope().payload());
      } catch (BundleInvalid e) {
        throw fail(validCheck, what + " bundle's " + e.getMessage());
      }
      if (!predicateTypes.contains(statement.predicateType())) {
        throw fail(
            validCheck,
            what
                + " statement has predicate type "
                + KeySearch.shown(statement.predicateType())
                + ", expected "
                + String.join(" or ", predicateTypes));
      }
      pass(validCheck, what + " bundle's DSSE signature verifies with trusted key " + key.id());
      return statement;
    }

    /**
     * The trusted key a signature was made with ({@link KeySearch}). A hint naming a trusted key
     * binds the signature to that key: it must verify with it ({@code validCheck}), no other key is
     * tried. Otherwise the signature must verify with one of the keys tried ({@code keyCheck}).
     */
    private TrustedKey signer(
        String what,
        String hint,
        String keyCheck,
        String validCheck,
        java.util.function.Predicate<java.security.PublicKey> verifies) {
      List<TrustedKey> keys = policy.trustedKeys();
      Optional<TrustedKey> named = KeySearch.named(keys, hint);
      if (named.isPresent()) {
        TrustedKey key = named.get();
        passKey(keyCheck, "signed by trusted key " + key.id() + " (" + key.source() + ")");
        if (!verifies.test(key.key())) {
          throw fail(
              validCheck,
              what
                  + "'s "
                  + (what.endsWith("bundle") ? "DSSE " : "")
                  + "signature does not verify with trusted key "
                  + key.id()
                  + ": the payload or the signature was changed");
        }
        return key;
      }
      String names =
          hint.isEmpty()
              ? what + " names no key"
              : what + "'s key hint " + KeySearch.shown(hint) + " names no trusted key";
      Optional<TrustedKey> found = KeySearch.verifying(keys, verifies);
      if (found.isPresent()) {
        TrustedKey key = found.get();
        passKey(
            keyCheck,
            "signed by trusted key "
                + key.id()
                + " ("
                + key.source()
                + "), found by trying the policy's keys: "
                + names);
        return key;
      }
      throw fail(
          keyCheck,
          (hint.isEmpty()
                  ? names
                  : what
                      + " is signed by key "
                      + KeySearch.shown(hint)
                      + ", which is not a trusted key,")
              + " and its signature does not verify with "
              + KeySearch.tried(keys)
              + "; add its public key to the policy's trustedKeys");
    }

    private void passKey(String keyCheck, String message) {
      if (keyCheck.equals("key-trusted")) {
        pass(keyCheck, message);
      }
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

    /** Records a check made elsewhere; a failed one ends the verification. */
    private void require(Check check) {
      if (!check.passed()) {
        throw fail(check.name(), check.message());
      }
      checks.add(check);
    }
  }
}
