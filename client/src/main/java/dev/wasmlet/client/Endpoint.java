package dev.wasmlet.client;

import java.util.Optional;

/**
 * The admin API to talk to and the token to present.
 *
 * @param server base URL, e.g. {@code http://127.0.0.1:7070}
 * @param origin where the server address came from, for messages (e.g. {@code context "prod"})
 */
public record Endpoint(String server, Optional<String> token, String origin) {
  /** Names the server but never shows the token. */
  @Override
  public String toString() {
    return "Endpoint[server="
        + server
        + ", token="
        + (token.isPresent() ? "(set)" : "(none)")
        + ", origin="
        + origin
        + "]";
  }
}
