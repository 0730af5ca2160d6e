package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One move of an app's traffic to a revision, as the server reports it.
 *
 * @param from the revision that served before, if any
 * @param state {@code pending}, {@code progressing}, {@code succeeded}, {@code failed}, {@code
 *     rolled-back} (or a state a newer server adds, such as {@code superseded})
 * @param step index of the canary step in progress or last done
 * @param percent the new revision's share of traffic now
 * @param message the server's account of the last change (the reason, when it failed)
 * @param json the server's document, for {@code --output json}
 */
public record Rollout(
    long id,
    String app,
    int revision,
    Optional<Integer> from,
    RolloutStrategy strategy,
    String state,
    int step,
    int percent,
    String message,
    Instant startedAt,
    Optional<Instant> finishedAt,
    JsonNode json) {

  /** Whether the rollout has ended (any state but pending and progressing). */
  public boolean finished() {
    return !state.equals("pending") && !state.equals("progressing");
  }

  public boolean succeeded() {
    return state.equals("succeeded");
  }

  static Rollout of(JsonNode n) {
    return new Rollout(
        Json.field(n, "id").asLong(),
        Json.text(n, "app"),
        Json.field(n, "revision").asInt(),
        Json.optionalInt(n, "from"),
        n.hasNonNull("strategy")
            ? RolloutStrategy.of(n.get("strategy"))
            : RolloutStrategy.of("all-at-once"),
        Json.text(n, "state"),
        n.path("step").asInt(0),
        n.path("percent").asInt(0),
        Json.optionalText(n, "message").orElse(""),
        Json.instant(n, "startedAt"),
        Json.optionalInstant(n, "finishedAt"),
        n);
  }
}
