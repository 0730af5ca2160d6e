package dev.wasmlet.signing;

/**
 * A signature in cosign's legacy layout: a simple-signing payload (a layer of media type {@value
 * #MEDIA_TYPE} under the tag {@code sha256-<hex>.sig}) and the signature over its bytes (the
 * layer's {@value #ANNOTATION} annotation, base64-decoded). Key-based only: the payload names no
 * key, so the verifier tries the policy's trusted keys.
 */
public record CosignSignature(byte[] payload, byte[] signature) {
  /** The media type of a simple-signing payload layer. */
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  /** The layer annotation holding the base64 signature. */
  public static final String ANNOTATION = "dev.cosignproject.cosign/signature";

  public CosignSignature {
    payload = payload.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignSignature c
        && java.util.Arrays.equals(payload, c.payload)
        && java.util.Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(payload) + java.util.Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "CosignSignature[" + payload.length + " bytes payload]";
  }
}
