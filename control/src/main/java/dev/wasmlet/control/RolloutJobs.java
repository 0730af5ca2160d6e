package dev.wasmlet.control;

import java.time.Duration;
import java.util.Collection;

/**
 * The threads that run rollouts, at most one per app: starting one stops the app's running one
 * (which becomes superseded); closing the server interrupts them all, and what they left unfinished
 * resumes on restart.
 */
final class RolloutJobs {
  private final Serving serving;
  private volatile boolean closing;

  RolloutJobs(Serving serving) {
    this.serving = serving;
  }

  /** Starts a rollout's job, after stopping the app's running one (which becomes superseded). */
  void start(AppRuntime rt, Rollout rollout) {
    cancel(rt);
    RolloutJob job = new RolloutJob(serving, this, rt, rollout);
    rt.job = Thread.ofVirtual().name("rollout-" + rt.name + "-" + rollout.id()).start(job);
  }

  /** Stops the app's running rollout job, waiting up to 30 seconds for it to end. */
  static void cancel(AppRuntime rt) {
    Thread t = rt.job;
    if (t != null && t.isAlive()) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the server is stopping (a stopped rollout then resumes on restart). */
  boolean closing() {
    return closing;
  }

  /** Marks the server as stopping and interrupts every app's rollout job. */
  void close(Collection<AppRuntime> all) {
    closing = true;
    for (AppRuntime rt : all) {
      Thread t = rt.job;
      if (t != null) {
        t.interrupt();
      }
    }
  }
}
