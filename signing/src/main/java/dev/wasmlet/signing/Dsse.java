package dev.wasmlet.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * DSSE v1 signing and verification
 * (https://github.com/secure-systems-lab/dsse/blob/master/protocol.md): the signature covers the
 * pre-authentication encoding {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths
 * as ASCII decimal byte counts.
 */
public final class Dsse {
  /** The payload type of an in-toto statement. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  private Dsse() {}

  /** The pre-authentication encoding of a payload. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** Signs a payload; the signature's keyid is the public key's {@link Keys#keyId}. */
  public static DsseEnvelope sign(
      String payloadType, byte[] payload, PrivateKey key, PublicKey publicKey) {
    KeyAlgorithm algorithm = KeyAlgorithm.of(key);
    try {
      Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
      s.initSign(key);
      s.update(pae(payloadType, payload));
      return new DsseEnvelope(
          payload,
          payloadType,
          List.of(new DsseEnvelope.Signature(Keys.keyId(publicKey), s.sign())));
    } catch (GeneralSecurityException e) {
      throw new SigningException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
    }
  }

  /** True when at least one of the envelope's signatures verifies with the key. */
  public static boolean verify(DsseEnvelope envelope, PublicKey key) {
    byte[] pae = pae(envelope.payloadType(), envelope.payload());
    for (DsseEnvelope.Signature sig : envelope.signatures()) {
      if (verifies(pae, sig.sig(), key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code signature} over {@code data} verifies with the key; false for malformed bytes.
   */
  static boolean verifies(byte[] data, byte[] signature, PublicKey key) {
    try {
      Signature s = Signature.getInstance(KeyAlgorithm.of(key).signatureAlgorithm());
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // malformed signature bytes (e.g. not DER): does not verify
    } catch (GeneralSecurityException e) {
      throw new SigningException(
          "cannot verify with " + key.getAlgorithm() + ": " + e.getMessage(), e);
    }
  }
}
