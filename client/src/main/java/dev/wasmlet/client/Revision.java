package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.app.ManifestOverrides;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable, numbered version of an app.
 *
 * @param cause what made it: {@code deploy}, {@code vars}, {@code secrets} or {@code rollback}
 * @param state {@code ready}, {@code active}, {@code failed}, {@code rolled-back}, {@code retired}
 *     or {@code rejected} (refused by the server's supply-chain policy)
 * @param reason why it failed or was rolled back
 * @param percent its share of traffic now
 * @param components module digest by component id
 * @param variables the non-secret variable values it was locked with
 * @param secrets the version of each secret it was locked with
 * @param verification what the server's supply-chain checks found, when it checked
 * @param overrides the routes and limits its deployment set over the manifest's
 * @param json the server's document, for {@code --output json}
 */
public record Revision(
    int number,
    String digest,
    Instant createdAt,
    String cause,
    String state,
    Optional<String> reason,
    int percent,
    Map<String, String> components,
    Map<String, String> variables,
    Map<String, Integer> secrets,
    Optional<String> healthRoute,
    Optional<Verification> verification,
    ManifestOverrides overrides,
    JsonNode json) {
  public Revision {
    components = Map.copyOf(components);
    variables = Map.copyOf(variables);
    secrets = Map.copyOf(secrets);
  }

  static Revision of(JsonNode n) {
    Map<String, String> components = new LinkedHashMap<>();
    n.path("components").forEach(c -> components.put(Json.text(c, "id"), Json.text(c, "sha256")));
    return new Revision(
        Json.field(n, "number").asInt(),
        Json.text(n, "digest"),
        Json.instant(n, "createdAt"),
        Json.optionalText(n, "cause").orElse("deploy"),
        Json.text(n, "state"),
        Json.optionalText(n, "reason"),
        n.path("percent").asInt(0),
        components,
        Json.map(n, "variables", JsonNode::asText),
        Json.map(n, "secrets", JsonNode::asInt),
        Json.optionalText(n, "healthRoute"),
        n.hasNonNull("verification")
            ? Optional.of(Verification.of(n.get("verification")))
            : Optional.empty(),
        OverridesJson.read(n.get("overrides")),
        n);
  }
}
