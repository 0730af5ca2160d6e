package dev.wasmlet.control;

import java.time.Duration;
import java.util.List;

/**
 * How a rollout moves traffic to a new revision.
 *
 * @param steps the new revision's percent at each canary step, ending at 100
 * @param stepInterval how long each canary step lasts
 * @param maxErrorRate the share of 5xx answers that rolls a canary back
 * @param maxP99 the 99th-percentile latency that rolls a canary back
 * @param minRequests how many requests a step needs before its gate is judged
 * @param stepPauses how long each step below 100 lasts, one per such step; empty holds every step
 *     for {@code stepInterval}
 */
public record Strategy(
    Type type,
    List<Integer> steps,
    Duration stepInterval,
    double maxErrorRate,
    Duration maxP99,
    int minRequests,
    List<Duration> stepPauses) {
  public Strategy {
    steps = List.copyOf(steps);
    stepPauses = List.copyOf(stepPauses);
  }

  /** A strategy whose steps all last {@code stepInterval}. */
  public Strategy(
      Type type,
      List<Integer> steps,
      Duration stepInterval,
      double maxErrorRate,
      Duration maxP99,
      int minRequests) {
    this(type, steps, stepInterval, maxErrorRate, maxP99, minRequests, List.of());
  }

  /** How long step {@code index} (0-based) lasts. */
  public Duration pause(int index) {
    return index < stepPauses.size() ? stepPauses.get(index) : stepInterval;
  }

  /** The kinds of rollout. */
  public enum Type {
    ALL_AT_ONCE,
    CANARY,
    BLUE_GREEN;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Type parse(String s) {
      for (Type t : values()) {
        if (t.label().equals(s)) {
          return t;
        }
      }
      throw ApiProblem.invalid(
          "strategy type \""
              + Sanitize.quote(s)
              + "\" is unknown; use all-at-once, canary or blue-green");
    }
  }

  public static Strategy allAtOnce() {
    return new Strategy(
        Type.ALL_AT_ONCE, List.of(100), Duration.ZERO, 0.05, Duration.ofSeconds(2), 20);
  }

  /** Defaults for a canary: 10, 50, 100 percent, 30 s a step, 5% errors, 2 s p99, 20 requests. */
  public static Strategy canaryDefaults() {
    return new Strategy(
        Type.CANARY, List.of(10, 50, 100), Duration.ofSeconds(30), 0.05, Duration.ofSeconds(2), 20);
  }
}
