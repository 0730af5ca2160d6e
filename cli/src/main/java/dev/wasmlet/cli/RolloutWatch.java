package dev.wasmlet.cli;

import dev.wasmlet.client.AdminClient;
import dev.wasmlet.client.Rollout;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Follows a rollout until it ends, printing each change of state, step or message, and turns its
 * outcome into an exit code: 0 when it succeeded, else a {@link CliFailure} with the server's
 * reason.
 */
final class RolloutWatch {
  private static final Duration POLL = Duration.ofMillis(200);

  private final AdminClient client;
  private final PrintWriter progress;

  /**
   * @param progress where state changes go (stdout for people, stderr when stdout is JSON)
   */
  RolloutWatch(AdminClient client, PrintWriter progress) {
    this.client = client;
    this.progress = progress;
  }

  /** Prints the rollout's start in one line. */
  static String describe(Rollout r) {
    String strategy = r.strategy().type();
    if (!r.strategy().steps().isEmpty() && strategy.equals("canary")) {
      strategy +=
          " "
              + String.join(",", r.strategy().steps().stream().map(String::valueOf).toList())
              + r.strategy().stepInterval().map(i -> " every " + i).orElse("");
    }
    return "rollout "
        + r.id()
        + " of "
        + r.app()
        + ": revision "
        + r.revision()
        + r.from().map(f -> " (from " + f + ")").orElse("")
        + ", "
        + strategy;
  }

  /**
   * Polls every 200 ms until the rollout ends or {@code limit} passes.
   *
   * @return the rollout as it ended
   * @throws CliFailure when it did not succeed or did not end in time
   */
  Rollout follow(Rollout started, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    Rollout r = started;
    String last = null;
    while (true) {
      String now = line(r);
      if (!Objects.equals(now, last)) {
        progress.println("  " + now);
        progress.flush();
        last = now;
      }
      if (r.finished()) {
        return outcome(r);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new CliFailure(
            ExitCodes.ROLLOUT_FAILED,
            "rollout "
                + r.id()
                + " of "
                + r.app()
                + " is still "
                + r.state()
                + " after "
                + Times.span(limit)
                + " (revision "
                + r.revision()
                + " at "
                + r.percent()
                + "%); it goes on on the server: see wasmlet app "
                + r.app(),
            null);
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(
            ExitCodes.ROLLOUT_FAILED,
            "interrupted; rollout " + r.id() + " goes on on the server",
            e);
      }
      r = client.rollout(r.app(), r.id());
    }
  }

  private static String line(Rollout r) {
    StringBuilder s = new StringBuilder(r.state());
    if (r.strategy().type().equals("canary") && !r.strategy().steps().isEmpty()) {
      s.append("  step ").append(r.step() + 1).append('/').append(r.strategy().steps().size());
    }
    s.append("  ").append(r.percent()).append('%');
    if (!r.message().isBlank()) {
      s.append("  ").append(r.message());
    }
    return s.toString();
  }

  private static Rollout outcome(Rollout r) {
    if (r.succeeded()) {
      return r;
    }
    throw new CliFailure(
        ExitCodes.ROLLOUT_FAILED,
        "rollout "
            + r.id()
            + " of "
            + r.app()
            + " "
            + r.state()
            + (r.message().isBlank() ? "" : ": " + r.message())
            + "; see wasmlet revisions "
            + r.app(),
        null);
  }

  /** The closing line of a rollout that succeeded. */
  static String succeeded(Rollout r) {
    Duration took = Duration.between(r.startedAt(), r.finishedAt().orElse(Instant.now())).abs();
    return "rollout "
        + r.id()
        + " succeeded: revision "
        + r.revision()
        + " of "
        + r.app()
        + " serves "
        + r.percent()
        + "% ("
        + Times.span(took)
        + ")";
  }
}
