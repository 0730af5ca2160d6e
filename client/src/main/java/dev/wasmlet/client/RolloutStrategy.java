package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a rollout moves traffic: {@code all-at-once}, {@code canary} or {@code blue-green}. Canary
 * settings left empty take the server's defaults.
 *
 * @param steps the new revision's percent at each canary step, ending at 100
 * @param stepInterval how long each step lasts, e.g. {@code 30s}
 * @param maxErrorRate the share of 5xx answers (0..1) that rolls the canary back
 * @param maxP99 the 99th-percentile latency that rolls it back, e.g. {@code 2s}
 * @param minRequests requests a step needs before its gate is judged
 * @param stepPauses how long each step below 100 lasts, one per such step (e.g. {@code 2s}); empty
 *     holds every step for {@code stepInterval}
 */
public record RolloutStrategy(
    String type,
    List<Integer> steps,
    Optional<String> stepInterval,
    Optional<Double> maxErrorRate,
    Optional<String> maxP99,
    Optional<Integer> minRequests,
    List<String> stepPauses) {
  /** The strategy types the server knows. */
  public static final Set<String> TYPES = Set.of("all-at-once", "canary", "blue-green");

  public RolloutStrategy {
    steps = List.copyOf(steps);
    stepPauses = List.copyOf(stepPauses);
  }

  /** A strategy whose steps all last {@code stepInterval}. */
  public RolloutStrategy(
      String type,
      List<Integer> steps,
      Optional<String> stepInterval,
      Optional<Double> maxErrorRate,
      Optional<String> maxP99,
      Optional<Integer> minRequests) {
    this(type, steps, stepInterval, maxErrorRate, maxP99, minRequests, List.of());
  }

  /** A strategy without settings: the server's defaults for its type. */
  public static RolloutStrategy of(String type) {
    if (!TYPES.contains(type)) {
      throw new RequestInvalid(
          "strategy \"" + type + "\" is unknown; use all-at-once, canary or blue-green");
    }
    return new RolloutStrategy(
        type, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static RolloutStrategy of(JsonNode n) {
    return new RolloutStrategy(
        Json.optionalText(n, "type").orElse("all-at-once"),
        Json.list(n, "steps", JsonNode::asInt),
        Json.optionalText(n, "stepInterval"),
        n.hasNonNull("maxErrorRate")
            ? Optional.of(n.get("maxErrorRate").asDouble())
            : Optional.empty(),
        Json.optionalText(n, "maxP99"),
        Json.optionalInt(n, "minRequests"),
        Json.list(n, "stepPauses", JsonNode::asText));
  }

  JsonNode toJson() {
    ObjectNode o = Json.object();
    o.put("type", type);
    if (!steps.isEmpty()) {
      ArrayNode a = o.putArray("steps");
      steps.forEach(a::add);
    }
    stepInterval.ifPresent(v -> o.put("stepInterval", v));
    maxErrorRate.ifPresent(v -> o.put("maxErrorRate", v));
    maxP99.ifPresent(v -> o.put("maxP99", v));
    minRequests.ifPresent(v -> o.put("minRequests", v));
    if (!stepPauses.isEmpty()) {
      ArrayNode a = o.putArray("stepPauses");
      stepPauses.forEach(a::add);
    }
    return o;
  }
}
