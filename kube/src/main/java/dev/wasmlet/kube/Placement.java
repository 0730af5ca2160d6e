package dev.wasmlet.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which executors host an app: those already hosting it stay while they live (no needless moves),
 * and new replicas go to the live executors with the most room, one replica per executor.
 */
final class Placement {
  private Placement() {}

  /**
   * @param current the executors the app is placed on now, by name
   * @param live the executors whose Leases have not expired
   * @param replicas how many the app asks for
   * @param load apps placed on each executor now, by name (this app included where it is placed)
   * @return the executors to host the app, at most {@code replicas}, the kept ones first
   */
  static List<String> choose(
      List<String> current, List<ExecutorRecord> live, int replicas, Map<String, Integer> load) {
    Set<String> liveNames = new LinkedHashSet<>();
    live.forEach(e -> liveNames.add(e.name()));
    List<String> chosen = new ArrayList<>();
    for (String name : current) {
      if (chosen.size() < replicas && liveNames.contains(name) && !chosen.contains(name)) {
        chosen.add(name);
      }
    }
    List<ExecutorRecord> candidates =
        live.stream()
            .filter(e -> !chosen.contains(e.name()))
            .filter(e -> load.getOrDefault(e.name(), 0) < e.capacity())
            .sorted(
                Comparator.comparingDouble(
                        (ExecutorRecord e) ->
                            load.getOrDefault(e.name(), 0) / (double) e.capacity())
                    .thenComparing(ExecutorRecord::name))
            .toList();
    for (ExecutorRecord e : candidates) {
      if (chosen.size() >= replicas) {
        break;
      }
      chosen.add(e.name());
    }
    return List.copyOf(chosen);
  }
}
