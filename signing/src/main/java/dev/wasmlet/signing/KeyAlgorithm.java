package dev.wasmlet.signing;

/** The signing algorithms Wasmlet keys use; ECDSA P-256 is the default (what Sigstore uses). */
public enum KeyAlgorithm {
  /** ECDSA over NIST P-256 with SHA-256; signatures are ASN.1 DER, as Sigstore encodes them. */
  ECDSA_P256("EC", "SHA256withECDSA"),
  /** Ed25519 (RFC 8032); signatures are the raw 64 bytes. */
  ED25519("Ed25519", "Ed25519");

  private final String keyType;
  private final String signatureAlgorithm;

  KeyAlgorithm(String keyType, String signatureAlgorithm) {
    this.keyType = keyType;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA key algorithm name ({@code EC}, {@code Ed25519}). */
  public String keyType() {
    return keyType;
  }

  /** The JCA signature algorithm name. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The algorithm of a JCA key, or a {@link KeyUnreadable} naming the unsupported one. */
  public static KeyAlgorithm of(java.security.Key key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> ECDSA_P256;
      case "Ed25519", "EdDSA" -> ED25519;
      default ->
          throw new KeyUnreadable(
              "unsupported key algorithm "
                  + key.getAlgorithm()
                  + "; use an ECDSA P-256 or Ed25519 key");
    };
  }
}
