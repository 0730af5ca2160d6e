package dev.wasmlet.control;

import dev.wasmlet.gateway.RevisionStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rollout: load the revision, prove it ready, then move traffic step by step, judging each
 * canary step by the new revision's error rate and p99 and rolling back by itself when either
 * breaks its limit. Every step is committed before the gateway sees it; a rollout a crash stopped
 * resumes from its last committed step.
 */
final class RolloutJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.rollout");
  private static final Duration GATE_TICK = Duration.ofMillis(200);

  private final Serving serving;
  private final RolloutJobs jobs;
  private final AppRuntime rt;
  private Rollout rollout;

  RolloutJob(Serving serving, RolloutJobs jobs, AppRuntime rt, Rollout rollout) {
    this.serving = serving;
    this.jobs = jobs;
    this.rt = rt;
    this.rollout = rollout;
  }

  @Override
  public void run() {
    try {
      execute();
    } catch (InterruptedException e) {
      if (!jobs.closing()) {
        finish(Rollout.State.SUPERSEDED, "superseded by a newer rollout or traffic change");
      }
    } catch (RuntimeException e) {
      LOG.error("app {}: rollout {} failed", rt.name, rollout.id(), e);
      if (!jobs.closing()) {
        finish(Rollout.State.FAILED, "internal error: " + e.getMessage());
      }
    }
  }

  private void execute() throws InterruptedException {
    int n = rollout.revision();
    progress(rollout.step(), rollout.percent(), "loading revision " + n);
    Revision record =
        serving
            .revision(rt.name, n)
            .orElseThrow(() -> new ControlException("revision " + n + " is gone"));
    LoadedRevision target;
    try {
      target = serving.load(rt, record);
    } catch (ArtifactRejected e) {
      finish(
          Rollout.State.FAILED,
          "revision "
              + n
              + " is refused by the server's supply-chain policy ("
              + e.getMessage()
              + "); traffic unchanged");
      return;
    } catch (RuntimeException e) {
      fail(n, "does not load: " + e.getMessage());
      return;
    }
    checkInterrupt();
    Optional<String> unready = serving.readiness(target);
    if (unready.isPresent()) {
      fail(n, "not ready: " + unready.get());
      return;
    }
    checkInterrupt();
    Optional<Integer> from = rollout.from().filter(f -> f != n);
    Optional<LoadedRevision> previous = Optional.empty();
    if (from.isPresent()) {
      Optional<Revision> fr = serving.revision(rt.name, from.get());
      if (fr.isPresent()) {
        try {
          previous = Optional.of(serving.load(rt, fr.get()));
        } catch (RuntimeException e) {
          LOG.warn(
              "app {}: previous revision {} does not load: {}",
              rt.name,
              from.get(),
              e.getMessage());
        }
      }
    }
    Strategy s = rollout.strategy();
    List<Integer> steps =
        s.type() == Strategy.Type.CANARY && previous.isPresent() ? s.steps() : List.of(100);
    if (s.type() == Strategy.Type.BLUE_GREEN) {
      rt.standby = previous.map(LoadedRevision::number);
    } else {
      rt.standby = Optional.empty();
    }
    for (int i = Math.min(rollout.step(), steps.size() - 1); i < steps.size(); i++) {
      int percent = steps.get(i);
      Map<Integer, Integer> split = new LinkedHashMap<>();
      split.put(n, percent);
      if (percent < 100) {
        split.put(previous.orElseThrow().number(), 100 - percent);
      }
      checkInterrupt();
      rollout =
          rollout.at(
              Rollout.State.PROGRESSING,
              i,
              percent,
              steps.size() == 1
                  ? "revision " + n + " is ready; moving all traffic to it"
                  : "step "
                      + (i + 1)
                      + " of "
                      + steps.size()
                      + ": revision "
                      + n
                      + " takes "
                      + percent
                      + "%");
      serving.apply(rt, split, Optional.of(rollout), Map.of());
      serving.persist(rollout);
      if (percent == 100) {
        break;
      }
      Optional<String> breach = watch(target, s, s.pause(i));
      if (breach.isPresent()) {
        rollBack(target, previous.orElseThrow(), breach.get());
        return;
      }
    }
    String done =
        s.type() == Strategy.Type.BLUE_GREEN && previous.isPresent()
            ? "revision "
                + n
                + " serves 100%; revision "
                + previous.get().number()
                + " kept warm as standby"
            : "revision " + n + " serves 100%";
    finish(Rollout.State.SUCCEEDED, done);
    rt.healthy = true;
    serving.prune(rt);
  }

  /**
   * Watches the new revision for one step. Judged every tick once enough requests came in, and at
   * the end of the step.
   *
   * @return why it must be rolled back, or empty to go on
   */
  private Optional<String> watch(LoadedRevision target, Strategy s, Duration pause)
      throws InterruptedException {
    RevisionStats.Snapshot start = target.served().stats().snapshot();
    long deadline = System.nanoTime() + pause.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Thread.sleep(Math.max(1, Math.min(GATE_TICK.toMillis(), left / 1_000_000)));
      RevisionStats.Snapshot w = target.served().stats().snapshot().since(start);
      if (w.requests() >= s.minRequests()) {
        if (w.errorRate() > s.maxErrorRate()) {
          return Optional.of(
              String.format(
                  java.util.Locale.ROOT,
                  "5xx rate %.1f%% (%d of %d requests) is over the limit of %.1f%%",
                  w.errorRate() * 100,
                  w.serverErrors(),
                  w.requests(),
                  s.maxErrorRate() * 100));
        }
        if (w.p99().compareTo(s.maxP99()) > 0) {
          return Optional.of(
              "p99 latency over "
                  + w.p99().toMillis()
                  + " ms ("
                  + w.requests()
                  + " requests) is over the limit of "
                  + s.maxP99().toMillis()
                  + " ms");
        }
      }
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
    }
  }

  private void rollBack(LoadedRevision bad, LoadedRevision previous, String why) {
    String message =
        "rolled back automatically to revision "
            + previous.number()
            + ": revision "
            + bad.number()
            + " "
            + why;
    rollout = rollout.at(Rollout.State.ROLLED_BACK, rollout.step(), 0, message);
    Map<Integer, Map.Entry<Revision.State, String>> states = new LinkedHashMap<>();
    states.put(bad.number(), Map.entry(Revision.State.ROLLED_BACK, why));
    serving.apply(rt, Map.of(previous.number(), 100), Optional.of(rollout), states);
    serving.persist(rollout);
    LOG.warn("app {}: {}", rt.name, message);
  }

  private void fail(int n, String why) {
    serving.setRevisionState(rt.name, n, Revision.State.FAILED, why);
    serving.releaseIfIdle(rt, n);
    finish(Rollout.State.FAILED, "revision " + n + " " + why + "; traffic unchanged");
  }

  private void progress(int step, int percent, String message) {
    rollout = rollout.at(Rollout.State.PROGRESSING, step, percent, message);
    serving.persist(rollout);
  }

  private void finish(Rollout.State state, String message) {
    rollout = rollout.at(state, rollout.step(), rollout.percent(), message);
    serving.persist(rollout);
  }

  private static void checkInterrupt() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }
}
