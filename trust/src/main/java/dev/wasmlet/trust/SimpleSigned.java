package dev.wasmlet.trust;

/**
 * One signature found in cosign's legacy layout: the simple-signing payload (checked against its
 * digest) and the signature bytes decoded from the layer's annotation. Not yet verified: the
 * policy's keys decide that.
 */
public record SimpleSigned(byte[] payload, byte[] signature) {
  public SimpleSigned {
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
    return o instanceof SimpleSigned s
        && java.util.Arrays.equals(payload, s.payload)
        && java.util.Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(payload) + java.util.Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SimpleSigned[" + payload.length + " bytes payload]";
  }
}
