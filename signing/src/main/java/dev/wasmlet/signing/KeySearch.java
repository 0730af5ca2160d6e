package dev.wasmlet.signing;

import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which trusted key made a signature. A hint that names a trusted key picks that key and no other;
 * a signature whose hint names none (another signer's hint format, garbage, or no hint at all) is
 * tried against the policy's keys, at most {@link #MAX_TRIED} of them, in the policy's order. Only
 * a signature that verifies with a trusted key is ever accepted: the hint is a pointer, never
 * proof.
 */
final class KeySearch {
  /** The most keys tried for one signature whose hint names no trusted key. */
  static final int MAX_TRIED = 16;

  private static final int MAX_SHOWN = 80;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_:.@-]+");

  private KeySearch() {}

  /**
   * The trusted key a hint names: its {@link Keys#keyId} (lower-case hex SHA-256 of the SPKI, as
   * Wasmlet writes it) or the same hash in standard base64 (as cosign writes it).
   */
  static Optional<TrustedKey> named(List<TrustedKey> keys, String hint) {
    if (hint.isEmpty()) {
      return Optional.empty();
    }
    for (TrustedKey k : keys) {
      if (k.id().equals(hint)
          || Base64.getEncoder().encodeToString(HexFormat.of().parseHex(k.id())).equals(hint)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The first of the policy's first {@link #MAX_TRIED} keys that the signature verifies with. */
  static Optional<TrustedKey> verifying(List<TrustedKey> keys, Predicate<PublicKey> verifies) {
    return keys.stream().limit(MAX_TRIED).filter(k -> verifies.test(k.key())).findFirst();
  }

  /** The keys {@link #verifying} tries, for "does not verify with ..." messages. */
  static String tried(List<TrustedKey> keys) {
    int n = keys.size();
    if (n == 0) {
      return "any key: the policy trusts none";
    }
    if (n > MAX_TRIED) {
      return "any of the first "
          + MAX_TRIED
          + " of the policy's "
          + n
          + " trusted keys (at most "
          + MAX_TRIED
          + " are tried)";
    }
    return n == 1 ? "the policy's one trusted key" : "any of the policy's " + n + " trusted keys";
  }

  /**
   * A value from a bundle as it may be shown in a message: as is when it is a short plain token (a
   * hex or base64 key id, a URL), else quoted with anything but printable ASCII escaped and cut
   * after {@value #MAX_SHOWN} characters.
   */
  static String shown(String value) {
    if (value.length() <= MAX_SHOWN && TOKEN.matcher(value).matches()) {
      return value;
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < value.length() && i < MAX_SHOWN; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    if (value.length() > MAX_SHOWN) {
      return b.append("...\" (").append(value.length()).append(" characters)").toString();
    }
    return b.append('"').toString();
  }
}
