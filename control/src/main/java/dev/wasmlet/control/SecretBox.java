package dev.wasmlet.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values with AES-256-GCM before they reach the database. The key lives outside the
 * database: in {@code WASMLET_SECRET_KEY} (base64 of 32 bytes) or in a key file with 0600
 * permissions, created on first start. Each value is bound to its app, name and version as
 * associated data, so a sealed value copied to another row does not open.
 */
public final class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * The key from the environment value when given, else from the key file (created with 0600
   * permissions when missing).
   */
  public static SecretBox load(Optional<String> envKey, Path keyFile) {
    if (envKey.isPresent()) {
      return new SecretBox(decode(envKey.get(), "WASMLET_SECRET_KEY"));
    }
    try {
      if (!Files.exists(keyFile)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        PrivateFiles.write(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n");
      }
      String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile));
      if (!perms.equals("rw-------") && !perms.equals("r--------")) {
        throw new ControlException(
            "the secret key file "
                + keyFile
                + " has permissions "
                + perms
                + "; make it readable by its owner only: chmod 600 "
                + keyFile);
      }
      return new SecretBox(
          decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString()));
    } catch (IOException e) {
      throw new ControlException("cannot read the secret key file " + keyFile + ": " + e, e);
    }
  }

  private static byte[] decode(String base64, String where) {
    byte[] k;
    try {
      k = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new ControlException(where + " is not base64; it must hold 32 random bytes in base64");
    }
    if (k.length != 32) {
      throw new ControlException(
          where + " holds " + k.length + " bytes; it must hold 32 (an AES-256 key) in base64");
    }
    return k;
  }

  public byte[] seal(String plaintext, String context) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new ControlException("sealing a secret failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * @throws ControlException when the value was sealed with another key or for another context
   */
  public String open(byte[] sealed, String context) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] pt = c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new ControlException(
          "secret "
              + context
              + " cannot be decrypted: was the secret key changed? restore the key the server"
              + " started with");
    }
  }
}
