package dev.wasmlet.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two ways an operator moves traffic between revisions that exist already: a rollback (to a
 * named revision or the newest earlier healthy one, through a rollout) and a split set by hand
 * (each revision loaded and proved ready first).
 */
final class TrafficChanges {
  private final AppStore apps;
  private final AppLogs logs;
  private final SupplyChainGate gate;
  private final Runtimes runtimes;
  private final Serving serving;
  private final RolloutJobs jobs;

  TrafficChanges(
      AppStore apps,
      AppLogs logs,
      SupplyChainGate gate,
      Runtimes runtimes,
      Serving serving,
      RolloutJobs jobs) {
    this.apps = apps;
    this.logs = logs;
    this.gate = gate;
    this.runtimes = runtimes;
    this.serving = serving;
    this.jobs = jobs;
  }

  Rollout rollback(String app, Optional<Integer> to) {
    AppRuntime rt = runtimes.require(app);
    rt.operations.lock();
    try {
      Optional<Integer> current = Deployments.active(rt);
      List<Revision> all = apps.revisions(app);
      Revision target;
      if (to.isPresent()) {
        target =
            all.stream()
                .filter(r -> r.number() == to.get())
                .findFirst()
                .orElseThrow(() -> ApiProblem.noRevision(app, to.get()));
        if (target.state() == Revision.State.FAILED) {
          throw ApiProblem.conflict(
              "revision " + target.number() + " failed to start and cannot take traffic");
        }
      } else {
        target =
            rollbackTarget(all, current.orElse(Integer.MAX_VALUE))
                .orElseThrow(
                    () ->
                        ApiProblem.conflict(
                            "app \""
                                + app
                                + "\" has no earlier healthy revision to roll back to; name one"
                                + " with --to"));
      }
      gate.admit(app, Optional.of(target), target.source());
      Rollout rollout =
          apps.store()
              .tx(
                  db ->
                      RolloutRows.insertRollout(
                          db,
                          new Rollout(
                              0,
                              app,
                              target.number(),
                              current,
                              Strategy.allAtOnce(),
                              Rollout.State.PENDING,
                              0,
                              0,
                              "rollback to revision " + target.number(),
                              Instant.now(),
                              Optional.empty())));
      logs.add(app, "INFO", target.number(), null, "rollout", rollout.message());
      jobs.start(rt, rollout);
      return rollout;
    } finally {
      rt.operations.unlock();
    }
  }

  /** The newest revision before {@code before} that served and was not rolled back or failed. */
  static Optional<Revision> rollbackTarget(List<Revision> newestFirst, int before) {
    return newestFirst.stream()
        .filter(r -> r.number() < before)
        .filter(r -> r.state() == Revision.State.RETIRED || r.state() == Revision.State.READY)
        .findFirst();
  }

  void setTraffic(String app, Map<Integer, Integer> split) {
    AppRuntime rt = runtimes.require(app);
    int sum = split.values().stream().mapToInt(Integer::intValue).sum();
    for (Map.Entry<Integer, Integer> e : split.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 100) {
        throw ApiProblem.invalid(
            "revision " + e.getKey() + ": percent " + e.getValue() + " is not within 0..100");
      }
    }
    if (sum != 100) {
      throw ApiProblem.invalid(
          "the traffic percents sum to " + sum + "; they must sum to exactly 100");
    }
    rt.operations.lock();
    try {
      RolloutJobs.cancel(rt);
      for (int n : split.keySet()) {
        Revision r = apps.revision(app, n).orElseThrow(() -> ApiProblem.noRevision(app, n));
        if (r.state() == Revision.State.FAILED) {
          throw ApiProblem.conflict("revision " + n + " failed to start and cannot take traffic");
        }
      }
      for (int n : split.keySet()) {
        if (split.get(n) > 0) {
          LoadedRevision lr = serving.load(rt, apps.revision(app, n).orElseThrow());
          Optional<String> unready = serving.readiness(lr);
          if (unready.isPresent()) {
            throw ApiProblem.conflict("revision " + n + " is not ready: " + unready.get());
          }
        }
      }
      serving.apply(rt, split, Optional.empty(), Map.of());
      logs.add(app, "INFO", -1, null, "rollout", "traffic set to " + split);
    } finally {
      rt.operations.unlock();
    }
  }
}
