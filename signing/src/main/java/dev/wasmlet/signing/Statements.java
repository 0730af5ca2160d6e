package dev.wasmlet.signing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * The two in-toto statements Wasmlet signs: a signature over an artifact (its OCI manifest digest)
 * and SLSA Provenance v1 for a build.
 */
public final class Statements {
  /**
   * Wasmlet's predicate type for "this key signs this artifact": the subject is the artifact's OCI
   * manifest digest; the predicate names the manifest's media type.
   */
  public static final String SIGNATURE = "https://wasmlet.dev/attestations/signature/v1";

  /**
   * cosign's predicate type for an image signature ({@code cosign sign --new-bundle-format}): the
   * statement's subject is the image's manifest digest (cosign writes no name) and it has no
   * predicate. It means what {@link #SIGNATURE} means, and is accepted as such.
   */
  public static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";

  /** SLSA Provenance v1. */
  public static final String PROVENANCE = "https://slsa.dev/provenance/v1";

  /** The OCI image manifest media type, the signed object. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private Statements() {}

  /** A signature statement over an artifact named {@code name} with manifest digest sha256:... */
  public static Statement signature(String name, String manifestDigest) {
    return new Statement(
        List.of(Subject.ofDigest(name, manifestDigest)),
        SIGNATURE,
        JsonNodeFactory.instance.objectNode().put("mediaType", OCI_MANIFEST));
  }

  /** A SLSA Provenance v1 statement whose subjects are the built artifacts. */
  public static Statement provenance(List<Subject> subjects, Provenance provenance) {
    return new Statement(subjects, PROVENANCE, provenance.toPredicate());
  }
}
