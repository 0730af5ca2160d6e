package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An API token as listed: its id and name, never the token itself. */
public record TokenInfo(String id, String name, Instant createdAt, boolean revoked, JsonNode json) {
  static TokenInfo of(JsonNode n) {
    return new TokenInfo(
        Json.text(n, "id"),
        Json.text(n, "name"),
        Json.instant(n, "createdAt"),
        n.path("revoked").asBoolean(false),
        n);
  }
}
