package dev.wasmlet.kube;

import dev.wasmlet.client.RolloutStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A WasmApp's {@code spec.strategy} in the executors' terms. */
final class Strategies {
  private Strategies() {}

  /** How long a canary step without a pause is held: the executors' default. */
  static final String DEFAULT_PAUSE = "30s";

  /**
   * The executors' strategy for a WasmApp's: canary weights end at 100 (after the last step the new
   * revision takes all traffic), and each step below 100 is held for its own pause ({@link
   * #DEFAULT_PAUSE} when it gives none).
   */
  static RolloutStrategy forExecutors(Strategy s) {
    if (s == null || s.type() == null || s.type() == StrategyType.AllAtOnce) {
      return RolloutStrategy.of("all-at-once");
    }
    if (s.type() == StrategyType.BlueGreen) {
      return RolloutStrategy.of("blue-green");
    }
    List<CanaryStep> steps = s.canary() == null ? List.of() : s.canary().steps();
    List<Integer> weights = new ArrayList<>(steps.stream().map(CanaryStep::weight).toList());
    if (weights.isEmpty() || weights.get(weights.size() - 1) < 100) {
      weights.add(100); // after the last step the new revision takes all traffic
    }
    List<String> pauses = new ArrayList<>();
    for (int i = 0; i < weights.size() - 1; i++) {
      String p = steps.get(i).pause();
      pauses.add(p == null ? DEFAULT_PAUSE : executorDuration(p));
    }
    return new RolloutStrategy(
        "canary",
        weights,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        pauses);
  }

  /** A CRD pause as the executors write durations ({@code ms}, {@code s} or {@code m}). */
  static String executorDuration(String pause) {
    return pause.endsWith("h") ? pauseMillis(pause) / 60_000 + "m" : pause;
  }

  /** A CRD pause ({@code ^[0-9]{1,9}(ms|s|m|h)$}) in milliseconds. */
  static long pauseMillis(String pause) {
    int unit = pause.length() - (pause.endsWith("ms") ? 2 : 1);
    long n = Long.parseLong(pause.substring(0, unit));
    return switch (pause.substring(unit)) {
      case "ms" -> n;
      case "s" -> n * 1_000;
      case "m" -> n * 60_000;
      default -> n * 3_600_000;
    };
  }
}
