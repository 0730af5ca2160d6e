package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a server reports about itself.
 *
 * @param gateway the app gateway's address, {@code host:port}
 * @param admin the admin API's address
 * @param policy the supply-chain policy the server enforces, in one line; empty when it has none
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
    Optional<String> policy,
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
        n.hasNonNull("supplyChainPolicy")
            ? Optional.of(policy(n.get("supplyChainPolicy")))
            : Optional.empty(),
        n);
  }

  /** {@code 2 trusted keys (ab12.., cd34..), provenance required, ...} */
  private static String policy(JsonNode p) {
    java.util.List<String> keys =
        Json.list(
            p, "trustedKeys", k -> k.asText().substring(0, Math.min(12, k.asText().length())));
    return keys.size()
        + (keys.size() == 1 ? " trusted key" : " trusted keys")
        + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")")
        + ", provenance "
        + (p.path("requireProvenance").asBoolean() ? "required" : "not required")
        + ", registries "
        + Json.list(p, "allowedRegistries", JsonNode::asText)
        + ", unsigned local deploys "
        + (p.path("allowUnsignedLocal").asBoolean() ? "allowed" : "refused");
  }
}
