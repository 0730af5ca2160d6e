package dev.wasmlet.control;

import dev.wasmlet.signing.Check;
import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.PolicyRejected;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.trust.AppLayout;
import dev.wasmlet.trust.ArtifactUnsupported;
import dev.wasmlet.trust.Blob;
import dev.wasmlet.trust.ImageManifest;
import dev.wasmlet.trust.Plan;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.TrustException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's supply-chain policy at the door: which revision sources may be stored and served.
 * Runs at every deploy and every time a revision is about to take traffic (rollout, rollback,
 * traffic change, restart), so a revision stored before the policy tightened is refused too.
 *
 * <p>For a source pulled from a registry, the first check, {@code artifact-intact}, proves the
 * deployed files are exactly the artifact's: the manifest and config the deploy carried hash to the
 * digests that signatures name, and every file's digest is the digest of the layer it was laid out
 * from (a changed, added or missing file fails). Then the policy's {@link Verifier} checks run on
 * the manifest digest. A source of local files is let in only by {@code allowUnsignedLocal}.
 *
 * <p>The registry the artifact came from is the one its reference names, as the deploying client
 * reports it: the signature, not the registry, is what proves the artifact.
 */
final class SupplyChain {
  static final String INTACT = "artifact-intact";

  /** Sources already admitted under this (immutable) policy, by content: not checked again. */
  private static final int ADMITTED_KEPT = 256;

  private final Optional<Policy> policy;
  private final Map<String, Verification> admitted =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verification> eldest) {
              return size() > ADMITTED_KEPT;
            }
          });

  SupplyChain(Optional<Policy> policy) {
    this.policy = policy;
  }

  /** Whether the server has a policy to enforce. */
  boolean enforcing() {
    return policy.isPresent();
  }

  /**
   * Proves a revision source against the policy.
   *
   * @return every check that ran, all passed
   * @throws ArtifactRejected at the first check that fails
   */
  Verification check(RevisionSource source) {
    String key = contentKey(source);
    Verification known = admitted.get(key);
    if (known != null) {
      return known;
    }
    Verification v = checkAnew(source);
    admitted.put(key, v);
    return v;
  }

  /**
   * A digest of everything a verdict depends on besides the policy: the files, the manifest path
   * and the artifact with its bundles, so a source admitted once (at its deploy) is not verified
   * again when its rollout loads it. Refusals are not remembered.
   */
  private static String contentKey(RevisionSource source) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("manifest", source.manifest());
    all.put("files", source.files());
    source.artifact().ifPresent(a -> all.put("artifact", a.toJson()));
    return Artifact.sha256(Json.write(all).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Verification checkAnew(RevisionSource source) {
    if (source.artifact().isEmpty()) {
      return local(source);
    }
    Artifact a = source.artifact().get();
    String subject = a.reference().replaceFirst("@sha256:[0-9a-f]*$", "") + "@" + a.digest();
    List<Check> checks = new ArrayList<>();
    Reference ref = intact(source, a, subject, checks);
    if (policy.isEmpty()) {
      return new Verification(Verification.Status.UNCHECKED, subject, checks);
    }
    Evidence evidence = Evidence.of(a.digest()).withRegistry(ref.registry());
    a.signatures().forEach(evidence::withSignatureBundle);
    a.provenances().forEach(evidence::withProvenanceBundle);
    try {
      Verdict v = new Verifier(policy.get()).verify(evidence);
      checks.addAll(v.checks());
      return new Verification(Verification.Status.VERIFIED, subject, checks);
    } catch (PolicyRejected e) {
      checks.addAll(e.verdict().checks());
      throw new ArtifactRejected(subject, checks);
    }
  }

  private Verification local(RevisionSource source) {
    String subject = "local files";
    if (policy.isEmpty()) {
      return new Verification(Verification.Status.UNCHECKED, subject, List.of());
    }
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("manifest", source.manifest());
    canonical.put("files", new TreeMap<>(source.files()));
    String digest =
        Artifact.sha256(Json.write(canonical).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try {
      Verdict v = new Verifier(policy.get()).verify(Evidence.of(digest));
      return new Verification(Verification.Status.UNSIGNED_LOCAL, subject, v.checks());
    } catch (PolicyRejected e) {
      throw new ArtifactRejected(subject, e.verdict().checks());
    }
  }

  /** The {@code artifact-intact} check; the artifact's reference when it passes. */
  private static Reference intact(
      RevisionSource source, Artifact a, String subject, List<Check> checks) {
    Reference ref;
    ImageManifest manifest;
    Map<String, String> expected;
    try {
      ref = Reference.parse(a.reference());
      manifest = ImageManifest.parse(a.manifest(), a.reference());
      String config = Artifact.sha256(a.config());
      if (!config.equals(manifest.config().digest())) {
        throw rejected(
            subject,
            checks,
            "the config the deploy carried hashes to "
                + config
                + ", not to the artifact's config "
                + manifest.config().digest()
                + ": it was changed after the pull");
      }
      Plan plan = AppLayout.plan(ref, manifest, a.config(), layer -> lockedApp(a, layer));
      if (!plan.manifest().equals(source.manifest())) {
        throw rejected(
            subject,
            checks,
            "the deploy names "
                + source.manifest()
                + " as the app's manifest, but the artifact's manifest is "
                + plan.manifest());
      }
      expected = plan.digests();
    } catch (TrustException e) {
      throw rejected(subject, checks, e.getMessage());
    }
    if (ref.digest().isPresent() && !ref.digest().get().equals(a.digest())) {
      throw rejected(
          subject,
          checks,
          "the reference names manifest "
              + ref.digest().get()
              + " but the manifest the deploy carried hashes to "
              + a.digest());
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String deployed = source.files().get(e.getKey());
      if (deployed == null) {
        throw rejected(
            subject,
            checks,
            "the artifact's file " + e.getKey() + " (" + e.getValue() + ") was not deployed");
      }
      if (!deployed.equals(e.getValue())) {
        throw rejected(
            subject,
            checks,
            "file "
                + e.getKey()
                + " was deployed with content "
                + deployed
                + " but the artifact's layer holds "
                + e.getValue()
                + ": it was changed after the pull");
      }
    }
    for (String path : source.files().keySet()) {
      if (!expected.containsKey(path)) {
        throw rejected(
            subject, checks, "file " + path + " was deployed but is not part of the artifact");
      }
    }
    checks.add(
        Check.pass(
            INTACT,
            "the "
                + expected.size()
                + " files deployed are exactly the layers of artifact "
                + a.digest()));
    return ref;
  }

  /** The locked-app layer of a Spin 2+ artifact, as the deploy carried it. */
  private static byte[] lockedApp(Artifact a, Blob layer) {
    byte[] bytes =
        a.lockedApp()
            .orElseThrow(
                () ->
                    new ArtifactUnsupported(
                        "the artifact keeps its locked app in layer "
                            + layer.digest()
                            + " (pushed by Spin 2 or later) and the deploy did not carry it;"
                            + " deploy it with wasmlet deploy --from",
                        null));
    String digest = Artifact.sha256(bytes);
    if (!digest.equals(layer.digest())) {
      throw new ArtifactUnsupported(
          "the locked app the deploy carried hashes to "
              + digest
              + ", not to the artifact's layer "
              + layer.digest()
              + ": it was changed after the pull",
          null);
    }
    return bytes;
  }

  private static ArtifactRejected rejected(String subject, List<Check> checks, String why) {
    checks.add(Check.fail(INTACT, why));
    return new ArtifactRejected(subject, checks);
  }
}
