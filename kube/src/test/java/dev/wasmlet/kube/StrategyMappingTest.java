package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.client.RolloutStrategy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyMappingTest {
  private static RolloutStrategy canary(CanaryStep... steps) {
    return Strategies.forExecutors(new Strategy(StrategyType.Canary, new Canary(List.of(steps))));
  }

  @Test
  void canaryWeightsEndAtAHundredWhetherOrNotTheSpecSaysSo() {
    assertThat(canary(new CanaryStep(50, null)).steps()).containsExactly(50, 100);
    assertThat(canary(new CanaryStep(10, null), new CanaryStep(100, null)).steps())
        .containsExactly(10, 100);
  }

  @Test
  void eachStepBelowAHundredIsHeldForItsOwnPauseOrTheDefault() {
    RolloutStrategy s =
        canary(new CanaryStep(10, "90s"), new CanaryStep(20, null), new CanaryStep(50, "500ms"));
    assertThat(s.type()).isEqualTo("canary");
    assertThat(s.steps()).containsExactly(10, 20, 50, 100);
    assertThat(s.stepPauses()).containsExactly("90s", Strategies.DEFAULT_PAUSE, "500ms");
    assertThat(s.stepInterval()).isEmpty();
    assertThat(canary(new CanaryStep(10, "2s"), new CanaryStep(100, "1h")).stepPauses())
        .as("the pause of the step at 100 is moot: the rollout ends there")
        .containsExactly("2s");
    assertThat(canary(new CanaryStep(10, "2h")).stepPauses())
        .as("hours as the executors write them")
        .containsExactly("120m");
  }

  @Test
  void pausesReadInEveryUnitTheCrdAllows() {
    assertThat(Strategies.pauseMillis("250ms")).isEqualTo(250);
    assertThat(Strategies.pauseMillis("3s")).isEqualTo(3_000);
    assertThat(Strategies.pauseMillis("2m")).isEqualTo(120_000);
    assertThat(Strategies.pauseMillis("1h")).isEqualTo(3_600_000);
    assertThat(Strategies.pauseMillis("999999999h")).isPositive();
  }

  @Test
  void otherTypesMapByName() {
    assertThat(Strategies.forExecutors(null).type()).isEqualTo("all-at-once");
    assertThat(Strategies.forExecutors(new Strategy(StrategyType.BlueGreen, null)).type())
        .isEqualTo("blue-green");
    assertThat(Strategies.forExecutors(new Strategy(StrategyType.AllAtOnce, null)).stepInterval())
        .isEqualTo(Optional.empty());
  }
}
