package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the server's supply-chain checks found for a revision.
 *
 * @param status {@code verified}, {@code unsigned-local} (let in by allowUnsignedLocal) or {@code
 *     unchecked} (the server has no policy)
 * @param subject the artifact as {@code REFERENCE@DIGEST}, or {@code local files}
 * @param checks every check, {@code PASS name: message}
 */
public record Verification(String status, String subject, List<String> checks) {
  public Verification {
    checks = List.copyOf(checks);
  }

  static Verification of(JsonNode n) {
    return new Verification(Json.text(n, "status"), Json.text(n, "subject"), Rejection.checks(n));
  }
}
