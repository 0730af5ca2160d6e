package dev.wasmlet.signing;

import java.util.Optional;

/**
 * What is known about an artifact to verify: its manifest digest, the registry it came from (empty
 * for a local artifact), and the signature and provenance bundles found for it.
 */
public final class Evidence {
  private final String artifactDigest;
  private Optional<String> registryHost = Optional.empty();
  private Optional<byte[]> signatureBundle = Optional.empty();
  private Optional<byte[]> provenanceBundle = Optional.empty();

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

  public Evidence withSignatureBundle(byte[] bundle) {
    this.signatureBundle = Optional.of(bundle.clone());
    return this;
  }

  public Evidence withProvenanceBundle(byte[] bundle) {
    this.provenanceBundle = Optional.of(bundle.clone());
    return this;
  }

  public String artifactDigest() {
    return artifactDigest;
  }

  public Optional<String> registryHost() {
    return registryHost;
  }

  public Optional<byte[]> signatureBundle() {
    return signatureBundle.map(byte[]::clone);
  }

  public Optional<byte[]> provenanceBundle() {
    return provenanceBundle.map(byte[]::clone);
  }
}
