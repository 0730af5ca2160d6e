package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * An app as {@code GET /apps} lists it.
 *
 * @param activeRevision the revision with the largest share of traffic, if any serves
 * @param revisions how many revisions the server keeps
 * @param rollout the latest rollout
 * @param lastRejection the newest deploy or revision the server's supply-chain policy refused
 * @param json the server's document, for {@code --output json}
 */
public record AppSummary(
    String name,
    Routing routing,
    Optional<Integer> activeRevision,
    List<TrafficShare> traffic,
    int revisions,
    Optional<Rollout> rollout,
    boolean healthy,
    Optional<Rejection> lastRejection,
    JsonNode json) {
  public AppSummary {
    traffic = List.copyOf(traffic);
  }

  static AppSummary of(JsonNode n) {
    return new AppSummary(
        Json.text(n, "name"),
        Routing.of(Json.field(n, "routing")),
        Json.optionalInt(n, "activeRevision"),
        Json.list(n, "traffic", TrafficShare::of),
        n.path("revisions").asInt(0),
        n.hasNonNull("rollout") ? Optional.of(Rollout.of(n.get("rollout"))) : Optional.empty(),
        n.path("healthy").asBoolean(true),
        n.hasNonNull("lastRejection")
            ? Optional.of(Rejection.of(n.get("lastRejection")))
            : Optional.empty(),
        n);
  }
}
