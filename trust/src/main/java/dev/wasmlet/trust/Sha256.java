package dev.wasmlet.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests in OCI's spelling, {@code sha256:<64 lowercase hex>}. */
final class Sha256 {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final MessageDigest sha;

  Sha256() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  void update(byte[] bytes, int offset, int length) {
    sha.update(bytes, offset, length);
  }

  String digest() {
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  static String of(byte[] bytes) {
    Sha256 s = new Sha256();
    s.update(bytes, 0, bytes.length);
    return s.digest();
  }

  static boolean isDigest(String s) {
    return DIGEST.matcher(s).matches();
  }

  /** The hex part, safe as a file name once {@link #isDigest} holds. */
  static String hex(String digest) {
    if (!isDigest(digest)) {
      throw new ArtifactUnsupported(
          "\"" + digest + "\" is not a sha256 digest; only sha256:<64 hex digits> is supported",
          null);
    }
    return digest.substring("sha256:".length());
  }
}
