package dev.wasmlet.control;

import java.time.Instant;
import java.util.Optional;

/**
 * One move of an app's traffic to a revision, as recorded: persisted at every step so that a
 * restart resumes it where it stood.
 *
 * @param step index into the strategy's steps of the step in progress or last done
 * @param percent the new revision's share of traffic now
 */
public record Rollout(
    long id,
    String app,
    int revision,
    Optional<Integer> from,
    Strategy strategy,
    State state,
    int step,
    int percent,
    String message,
    Instant startedAt,
    Optional<Instant> finishedAt) {

  /** Where a rollout stands. */
  public enum State {
    PENDING,
    PROGRESSING,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK,
    SUPERSEDED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean terminal() {
      return this != PENDING && this != PROGRESSING;
    }
  }

  public Rollout at(State s, int newStep, int newPercent, String why) {
    return new Rollout(
        id,
        app,
        revision,
        from,
        strategy,
        s,
        newStep,
        newPercent,
        why,
        startedAt,
        s.terminal() ? Optional.of(Instant.now()) : Optional.empty());
  }
}
