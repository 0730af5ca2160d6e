package dev.wasmlet.signing;

import java.security.PublicKey;

/** A public key the policy trusts, with its id and where it came from (for messages). */
public record TrustedKey(String id, PublicKey key, String source) {
  public static TrustedKey of(PublicKey key, String source) {
    return new TrustedKey(Keys.keyId(key), key, source);
  }
}
