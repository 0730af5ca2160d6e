package dev.wasmlet.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin API to talk to and the token to present.
 *
 * @param server base URL, e.g. {@code http://127.0.0.1:7070}
 * @param origin where the server address came from, for messages (e.g. {@code context "prod"})
 * @param caCertificates PEM certificates to trust for an {@code https} server besides the JDK's (a
 *     private CA or the server's self-signed certificate), from {@code WASMLET_CACERT}
 */
public record Endpoint(
    String server, Optional<String> token, String origin, Optional<Path> caCertificates) {
  /** An endpoint that trusts only the JDK's certificate authorities. */
  public Endpoint(String server, Optional<String> token, String origin) {
    this(server, token, origin, Optional.empty());
  }

  /** Names the server but never shows the token. */
  @Override
  public String toString() {
    return "Endpoint[server="
        + server
        + ", token="
        + (token.isPresent() ? "(set)" : "(none)")
        + ", origin="
        + origin
        + caCertificates.map(p -> ", caCertificates=" + p).orElse("")
        + "]";
  }
}
