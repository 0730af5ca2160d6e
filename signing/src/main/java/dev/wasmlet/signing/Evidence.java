package dev.wasmlet.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is known about an artifact to verify: its manifest digest, the registry it came from (empty
 * for a local artifact), and the signature and provenance bundles found for it (and signatures in
 * cosign's legacy layout). An artifact may carry several of each kind (several signers, a key
 * rotation): one that passes every check is enough.
 */
public final class Evidence {
  private final String artifactDigest;
  private Optional<String> registryHost = Optional.empty();
  private final List<byte[]> signatureBundles = new ArrayList<>();
  private final List<byte[]> provenanceBundles = new ArrayList<>();
  private final List<CosignSignature> cosignSignatures = new ArrayList<>();

  private Evidence(String artifactDigest) {
    this.artifactDigest = artifactDigest;
  }

  /** Evidence about the artifact with this manifest digest ({@code sha256:<hex>}). */
  public static Evidence of(String artifactDigest) {
    return new Evidence(artifactDigest);
  }

  /** The registry host (and port) the artifact was pulled from. */
  public Evidence withRegistry(String host) {
    this.registryHost = Optional.of(host);
    return this;
  }

  /** Adds a signature bundle. */
  public Evidence withSignatureBundle(byte[] bundle) {
    this.signatureBundles.add(bundle.clone());
    return this;
  }

  /** Adds a signature in cosign's legacy layout (simple-signing payload and its signature). */
  public Evidence withCosignSignature(CosignSignature signature) {
    this.cosignSignatures.add(signature);
    return this;
  }

  /** Adds a provenance bundle. */
  public Evidence withProvenanceBundle(byte[] bundle) {
    this.provenanceBundles.add(bundle.clone());
    return this;
  }

  public String artifactDigest() {
    return artifactDigest;
  }

  public Optional<String> registryHost() {
    return registryHost;
  }

  /** The signature bundles, in the order added. */
  public List<byte[]> signatureBundles() {
    return signatureBundles.stream().map(byte[]::clone).toList();
  }

  /** The signatures in cosign's legacy layout, in the order added. */
  public List<CosignSignature> cosignSignatures() {
    return List.copyOf(cosignSignatures);
  }

  /** The provenance bundles, in the order added. */
  public List<byte[]> provenanceBundles() {
    return provenanceBundles.stream().map(byte[]::clone).toList();
  }
}
