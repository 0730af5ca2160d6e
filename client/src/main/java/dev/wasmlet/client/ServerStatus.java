package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a server reports about itself.
 *
 * @param gateway the app gateway's address, {@code host:port}
 * @param admin the admin API's address
 * @param json the server's document, for {@code --output json}
 */
public record ServerStatus(
    String version,
    long uptimeSeconds,
    int apps,
    int revisionsLoaded,
    int guestSlots,
    String gateway,
    String admin,
    JsonNode json) {
  static ServerStatus of(JsonNode n) {
    return new ServerStatus(
        Json.text(n, "version"),
        n.path("uptimeSeconds").asLong(),
        n.path("apps").asInt(),
        n.path("revisionsLoaded").asInt(),
        n.path("guestSlots").asInt(),
        Json.optionalText(n, "gateway").orElse(""),
        Json.optionalText(n, "admin").orElse(""),
        n);
  }
}
