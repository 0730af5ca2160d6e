package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** A secret by name and version: the server never sends its value. */
public record SecretInfo(String name, int version, Optional<Instant> updatedAt) {
  static SecretInfo of(JsonNode n) {
    return new SecretInfo(
        Json.text(n, "name"),
        Json.field(n, "version").asInt(),
        Json.optionalInstant(n, "updatedAt"));
  }
}
