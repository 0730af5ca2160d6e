package dev.wasmlet.signing;

import java.util.regex.Pattern;

/** An in-toto subject: a name and its SHA-256 digest (lower-case hex, no prefix). */
public record Subject(String name, String sha256) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Subject {
    if (!HEX.matcher(sha256).matches()) {
      throw new SigningException(
          "subject \""
              + name
              + "\": sha256 must be 64 lower-case hex digits, got \""
              + sha256
              + "\"");
    }
  }

  /** A subject from an OCI digest {@code sha256:<hex>}. */
  public static Subject ofDigest(String name, String ociDigest) {
    if (!ociDigest.startsWith("sha256:")) {
      throw new SigningException(
          "digest \"" + ociDigest + "\" is not a sha256:<hex> digest; only SHA-256 is supported");
    }
    return new Subject(name, ociDigest.substring("sha256:".length()));
  }

  /** The OCI form {@code sha256:<hex>}. */
  public String digest() {
    return "sha256:" + sha256;
  }
}
