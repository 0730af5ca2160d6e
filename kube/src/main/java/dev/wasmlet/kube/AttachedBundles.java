package dev.wasmlet.kube;

import dev.wasmlet.signing.CosignSignature;
import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.CosignSignatureTag;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.util.List;

/**
 * The signature and provenance bundles filed with an artifact in its registry, each checked against
 * the digest its index names, and the signatures cosign filed under its legacy {@code
 * sha256-<hex>.sig} tag; a policy is satisfied by any one signature and any one provenance that
 * pass every check. {@code wasmlet deploy --from}, {@code wasmlet verify} and the operator read
 * them alike.
 */
public record AttachedBundles(
    List<byte[]> signatures, List<byte[]> provenances, List<CosignSignature> cosignSignatures) {
  /** The artifact type of a signature bundle filed with an artifact. */
  public static final String SIGNATURE_TYPE = SigstoreBundle.MEDIA_TYPE;

  /** The artifact type of a provenance bundle filed with an artifact. */
  public static final String PROVENANCE_TYPE = "application/vnd.in-toto+json";

  public AttachedBundles {
    signatures = List.copyOf(signatures);
    provenances = List.copyOf(provenances);
    cosignSignatures = List.copyOf(cosignSignatures);
  }

  public static AttachedBundles of(Registry registry, Reference ref, String digest) {
    return new AttachedBundles(
        Attachments.find(registry, ref.repository(), digest, SIGNATURE_TYPE),
        Attachments.find(registry, ref.repository(), digest, PROVENANCE_TYPE),
        CosignSignatureTag.find(registry, ref.repository(), digest).stream()
            .map(s -> new CosignSignature(s.payload(), s.signature()))
            .toList());
  }

  /** Evidence for the artifact: its digest, registry and these bundles. */
  public Evidence evidence(String digest, String registry) {
    Evidence e = Evidence.of(digest).withRegistry(registry);
    signatures.forEach(e::withSignatureBundle);
    provenances.forEach(e::withProvenanceBundle);
    cosignSignatures.forEach(e::withCosignSignature);
    return e;
  }
}
