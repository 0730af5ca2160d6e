package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static ExecutorRecord executor(String name, int capacity) {
    return new ExecutorRecord(
        name,
        URI.create("http://127.0.0.1:1"),
        "10.0.0.1",
        8080,
        capacity,
        Instant.EPOCH,
        Duration.ofSeconds(15));
  }

  private static final List<ExecutorRecord> THREE =
      List.of(executor("e1", 10), executor("e2", 10), executor("e3", 10));

  @Test
  void newReplicasGoToTheLeastLoadedExecutorsOnePerExecutor() {
    assertThat(Placement.choose(List.of(), THREE, 2, Map.of("e1", 5, "e2", 1, "e3", 3)))
        .containsExactly("e2", "e3");
    assertThat(Placement.choose(List.of(), THREE, 5, Map.of())).containsExactly("e1", "e2", "e3");
  }

  @Test
  void loadCountsRelativeToCapacity() {
    List<ExecutorRecord> mixed = List.of(executor("big", 100), executor("small", 4));
    assertThat(Placement.choose(List.of(), mixed, 1, Map.of("big", 20, "small", 1)))
        .containsExactly("big");
  }

  @Test
  void executorsThatAlreadyHostTheAppKeepItEvenWhenOthersAreEmptier() {
    assertThat(Placement.choose(List.of("e1"), THREE, 2, Map.of("e1", 9, "e2", 0, "e3", 4)))
        .containsExactly("e1", "e2");
  }

  @Test
  void aDeadExecutorLosesItsReplicaToALiveOne() {
    List<ExecutorRecord> live = List.of(executor("e2", 10), executor("e3", 10));
    assertThat(Placement.choose(List.of("e1", "e2"), live, 2, Map.of()))
        .containsExactly("e2", "e3");
  }

  @Test
  void scalingDownKeepsTheFirstCurrentExecutorsAndZeroPlacesNothing() {
    assertThat(Placement.choose(List.of("e3", "e1", "e2"), THREE, 1, Map.of()))
        .containsExactly("e3");
    assertThat(Placement.choose(List.of("e3"), THREE, 0, Map.of())).isEmpty();
  }

  @Test
  void fullExecutorsTakeNoNewAppsSoFewerReplicasThanAskedArePlaced() {
    List<ExecutorRecord> small = List.of(executor("e1", 1), executor("e2", 1));
    assertThat(Placement.choose(List.of(), small, 2, Map.of("e1", 1))).containsExactly("e2");
    assertThat(Placement.choose(List.of("e1"), small, 2, Map.of("e1", 1, "e2", 1)))
        .as("a full executor keeps the app it hosts")
        .containsExactly("e1");
  }
}
