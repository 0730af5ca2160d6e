package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A WasmApp's conditions, changed one at a time: a condition keeps its {@code lastTransitionTime}
 * unless its status changes, as {@code metav1.Condition} asks.
 */
final class Conditions {
  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String VERIFIED = "Verified";
  static final String DEGRADED = "Degraded";

  private static final int MAX_MESSAGE = 4096;

  private final List<Condition> all;
  private final long generation;

  Conditions(List<Condition> before, long generation) {
    this.all = new ArrayList<>(before == null ? List.of() : before);
    this.generation = generation;
  }

  Conditions set(String type, boolean status, String reason, String message) {
    return set(type, status ? "True" : "False", reason, message);
  }

  Conditions set(String type, String status, String reason, String message) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    String since = Instant.now().toString();
    for (int i = 0; i < all.size(); i++) {
      Condition c = all.get(i);
      if (c.getType().equals(type)) {
        if (c.getStatus().equals(status)) {
          since = c.getLastTransitionTime();
        }
        all.remove(i);
        break;
      }
    }
    all.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(text)
            .withLastTransitionTime(since)
            .withObservedGeneration(generation)
            .build());
    return this;
  }

  /** The status of {@code type}, or {@code Unknown} when it was never set. */
  String status(String type) {
    return all.stream()
        .filter(c -> c.getType().equals(type))
        .map(Condition::getStatus)
        .findFirst()
        .orElse("Unknown");
  }

  List<Condition> list() {
    return all.stream().sorted(java.util.Comparator.comparing(Condition::getType)).toList();
  }
}
