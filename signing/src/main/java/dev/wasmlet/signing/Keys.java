package dev.wasmlet.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Key pairs and their files: private keys as PKCS#8 PEM (0600; optionally encrypted PKCS#8 with
 * PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC, all from the JDK), public keys as SPKI PEM. A key's id
 * is the hex SHA-256 of its SPKI DER, which a Sigstore bundle carries as {@code publicKey.hint}.
 */
public final class Keys {
  static final String PBES2 = "PBEWithHmacSHA256AndAES_256";
  private static final int PBKDF2_ITERATIONS = 600_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /** A fresh key pair of the given algorithm. */
  public static KeyPair generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyType());
      if (algorithm == KeyAlgorithm.ECDSA_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new SigningException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  /** The key id: lower-case hex SHA-256 of the SPKI DER encoding. */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The public key as SPKI PEM ({@code PUBLIC KEY}). */
  public static String publicKeyPem(PublicKey key) {
    return Pem.encode("PUBLIC KEY", key.getEncoded());
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
  public static String privateKeyPem(PrivateKey key) {
    return Pem.encode("PRIVATE KEY", key.getEncoded());
  }

  /** The private key as encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, PBES2/AES-256). */
  public static String privateKeyPem(PrivateKey key, char[] passphrase) {
    try {
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      byte[] iv = new byte[16];
      RANDOM.nextBytes(iv);
      PBEParameterSpec spec =
          new PBEParameterSpec(salt, PBKDF2_ITERATIONS, new javax.crypto.spec.IvParameterSpec(iv));
      Cipher cipher = Cipher.getInstance(PBES2);
      cipher.init(Cipher.ENCRYPT_MODE, pbeKey(passphrase), spec);
      byte[] encrypted = cipher.doFinal(key.getEncoded());
      AlgorithmParameters params = cipher.getParameters();
      return Pem.encode("ENCRYPTED PRIVATE KEY", encryptedPrivateKeyInfo(params, encrypted));
    } catch (GeneralSecurityException | IOException e) {
      throw new SigningException("cannot encrypt the private key: " + e.getMessage(), e);
    }
  }

  /** Writes an unencrypted private key file with permissions 0600; refuses to overwrite. */
  public static void writePrivateKey(Path file, PrivateKey key) {
    writeSecret(file, privateKeyPem(key));
  }

  /** Writes an encrypted private key file with permissions 0600; refuses to overwrite. */
  public static void writePrivateKey(Path file, PrivateKey key, char[] passphrase) {
    writeSecret(file, privateKeyPem(key, passphrase));
  }

  /** Writes the public key as SPKI PEM. */
  public static void writePublicKey(Path file, PublicKey key) {
    try {
      Files.writeString(file, publicKeyPem(key), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new SigningException("cannot write public key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an unencrypted private key; an encrypted one needs its passphrase. */
  public static PrivateKey readPrivateKey(Path file) {
    return privateKeyFromPem(read(file), file.toString(), new char[0]);
  }

  /** Reads a private key, decrypting it with the passphrase when it is encrypted. */
  public static PrivateKey readPrivateKey(Path file, char[] passphrase) {
    return privateKeyFromPem(read(file), file.toString(), passphrase);
  }

  /** Reads an SPKI PEM public key file. */
  public static PublicKey readPublicKey(Path file) {
    return publicKeyFromPem(read(file), file.toString());
  }

  /** Parses SPKI PEM text; {@code source} names it in errors. */
  public static PublicKey publicKeyFromPem(String pem, String source) {
    Pem.Block block = Pem.decode(pem, source);
    if (!block.label().equals("PUBLIC KEY")) {
      throw new KeyUnreadable(source + ": expected a PUBLIC KEY PEM block, found " + block.label());
    }
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      try {
        return KeyFactory.getInstance(a.keyType())
            .generatePublic(new X509EncodedKeySpec(block.der()));
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      } catch (GeneralSecurityException e) {
        throw new KeyUnreadable(source + ": " + e.getMessage(), e);
      }
    }
    throw new KeyUnreadable(source + ": not an ECDSA P-256 or Ed25519 public key");
  }

  static PrivateKey privateKeyFromPem(String pem, String source, char[] passphrase) {
    Pem.Block block = Pem.decode(pem, source);
    byte[] pkcs8 =
        switch (block.label()) {
          case "PRIVATE KEY" -> block.der();
          case "ENCRYPTED PRIVATE KEY" -> decrypt(block.der(), source, passphrase);
          default ->
              throw new KeyUnreadable(
                  source + ": expected a PRIVATE KEY PEM block (PKCS#8), found " + block.label());
        };
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      try {
        return KeyFactory.getInstance(a.keyType()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      } catch (GeneralSecurityException e) {
        throw new KeyUnreadable(source + ": " + e.getMessage(), e);
      }
    }
    throw new KeyUnreadable(source + ": not an ECDSA P-256 or Ed25519 private key");
  }

  private static byte[] decrypt(byte[] der, String source, char[] passphrase) {
    if (passphrase.length == 0) {
      throw new KeyUnreadable(source + ": the private key is encrypted; give its passphrase");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      // The parameters name the full PBES2 scheme (PRF and cipher) the JDK can instantiate.
      AlgorithmParameters params = info.getAlgParameters();
      Cipher cipher = Cipher.getInstance(params.toString());
      cipher.init(Cipher.DECRYPT_MODE, pbeKey(passphrase), params);
      return cipher.doFinal(info.getEncryptedData());
    } catch (BadPaddingException e) {
      throw new KeyUnreadable(source + ": wrong passphrase for the encrypted private key", e);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyUnreadable(
          source
              + ": cannot decrypt the private key ("
              + e.getMessage()
              + "); Wasmlet reads PBES2 (PBKDF2-HMAC-SHA256, AES-256) PKCS#8 keys",
          e);
    }
  }

  /**
   * The DER of EncryptedPrivateKeyInfo (RFC 5958) with a PBES2 AlgorithmIdentifier (RFC 8018).
   * Written by hand because the JDK's {@code EncryptedPrivateKeyInfo(AlgorithmParameters, byte[])}
   * cannot map {@code PBEWithHmacSHA256AndAES_256} back to the PBES2 OID; its parser reads the
   * result (see {@link #decrypt}), and so does OpenSSL.
   */
  private static byte[] encryptedPrivateKeyInfo(AlgorithmParameters pbes2Params, byte[] data)
      throws IOException {
    byte[] pbes2Oid = {
      0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d
    };
    byte[] algorithmId = der(0x30, concat(pbes2Oid, pbes2Params.getEncoded()));
    return der(0x30, concat(algorithmId, der(0x04, data)));
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length =
        n < 0x80
            ? new byte[] {(byte) n}
            : n < 0x100
                ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return concat(new byte[] {(byte) tag}, concat(length, content));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static SecretKey pbeKey(char[] passphrase) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(passphrase);
    try {
      return SecretKeyFactory.getInstance(PBES2).generateSecret(spec);
    } finally {
      spec.clearPassword();
    }
  }

  private static void writeSecret(Path file, String pem) {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new SigningException(
          "private key " + file + " already exists; remove it or choose another path", e);
    } catch (IOException e) {
      throw new SigningException("cannot write private key " + file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyUnreadable("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }
}
