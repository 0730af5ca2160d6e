package dev.wasmlet.kube;

import dev.wasmlet.client.RolloutStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A WasmApp's {@code spec.strategy} in the executors' terms. */
final class Strategies {
  private Strategies() {}

  /**
   * The executors' strategy for a WasmApp's: canary weights end at 100 (after the last step the new
   * revision takes all traffic), and every step is held for the longest pause asked, as an executor
   * has one interval for all steps.
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
    return new RolloutStrategy(
        "canary",
        weights,
        steps.stream()
            .map(CanaryStep::pause)
            .filter(p -> p != null)
            .max(Comparator.comparing(Strategies::pauseMillis)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
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
