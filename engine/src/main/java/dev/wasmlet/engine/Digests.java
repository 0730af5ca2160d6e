package dev.wasmlet.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest Wasmlet pins modules, cache entries and revisions with. */
public final class Digests {
  private Digests() {}

  public static byte[] sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  public static byte[] sha256(byte[] data, int offset, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, offset, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256(data));
  }
}
