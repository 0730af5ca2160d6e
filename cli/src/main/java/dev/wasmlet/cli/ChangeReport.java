package dev.wasmlet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.ValueChange;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * What a change of a variable or secret did: on a deployed app it rolls out a new revision (which
 * is followed like a deploy), else it waits for the first deploy.
 */
final class ChangeReport {
  private ChangeReport() {}

  /**
   * Prints the change and follows its rollout.
   *
   * @return the rollout as it ended (or started, with --no-wait), if there is one
   */
  static Optional<Rollout> follow(
      ClientCommand cmd, String done, Optional<Rollout> r, WaitOptions wait) {
    PrintWriter progress = cmd.json() ? cmd.err() : cmd.out();
    progress.println(done);
    if (r.isEmpty()) {
      progress.println(
          "  no new revision: the app is not deployed yet, or its manifest does not use this"
              + " value; it applies from the next deploy that does");
      progress.flush();
      return r;
    }
    progress.println(RolloutWatch.describe(r.get()));
    progress.flush();
    Rollout last =
        wait.noWait
            ? r.get()
            : new RolloutWatch(cmd.client(), progress).follow(r.get(), wait.timeout);
    if (!cmd.json() && last.finished()) {
      cmd.out().println(RolloutWatch.succeeded(last));
    }
    return Optional.of(last);
  }

  /** {@code {"rollout": Rollout|null}}. */
  static JsonNode json(Optional<Rollout> r) {
    var doc = ClientCommand.JSON.createObjectNode();
    if (r.isPresent()) {
      doc.set("rollout", r.get().json());
    } else {
      doc.putNull("rollout");
    }
    return doc;
  }

  /**
   * As {@link #follow(ClientCommand, String, Optional, WaitOptions)} for a value that was set: one
   * that already had it says so and follows nothing.
   */
  static Optional<Rollout> follow(
      ClientCommand cmd, String done, ValueChange change, WaitOptions wait) {
    if (!change.changed()) {
      PrintWriter progress = cmd.json() ? cmd.err() : cmd.out();
      progress.println(done + ": no change, it already had this value (no new revision)");
      progress.flush();
      return Optional.empty();
    }
    return follow(cmd, done, change.rollout(), wait);
  }

  /** Follows a set value and prints it as JSON when asked. */
  static int report(ClientCommand cmd, String done, ValueChange change, WaitOptions wait) {
    Optional<Rollout> last = follow(cmd, done, change, wait);
    if (cmd.json()) {
      cmd.printJson(json(last));
    }
    return ExitCodes.OK;
  }

  /** Follows a change and prints it as JSON when asked. */
  static int report(ClientCommand cmd, String done, Optional<Rollout> r, WaitOptions wait) {
    Optional<Rollout> last = follow(cmd, done, r, wait);
    if (cmd.json()) {
      cmd.printJson(json(last));
    }
    return ExitCodes.OK;
  }
}
