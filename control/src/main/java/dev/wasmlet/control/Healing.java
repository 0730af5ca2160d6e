package dev.wasmlet.control;

import dev.wasmlet.gateway.HealthProbe;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-healing: rounds of health probes over every revision taking traffic, and a rollback to the
 * newest earlier healthy revision once one fails too many probes in a row.
 */
final class Healing {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final ServerConfig config;
  private final AppStore apps;
  private final AppLogs logs;
  private final HealthProbe probe;
  private final Runtimes runtimes;
  private final Serving serving;
  private final RolloutJobs jobs;

  Healing(
      ServerConfig config,
      AppStore apps,
      AppLogs logs,
      HealthProbe probe,
      Runtimes runtimes,
      Serving serving,
      RolloutJobs jobs) {
    this.config = config;
    this.apps = apps;
    this.logs = logs;
    this.probe = probe;
    this.runtimes = runtimes;
    this.serving = serving;
    this.jobs = jobs;
  }

  /** One round of health probes over every revision taking traffic. */
  void probeAll() {
    for (AppRuntime rt : runtimes.all()) {
      if (rt.rolling() || rt.hosted == null) {
        continue;
      }
      Map<Integer, Integer> split = new LinkedHashMap<>();
      rt.hosted
          .split()
          .ifPresent(
              s -> s.shares().forEach(sh -> split.put(sh.revision().number(), sh.percent())));
      for (int n : split.keySet()) {
        LoadedRevision lr = rt.loaded.get(n);
        if (lr == null || lr.record().healthRoute().isEmpty()) {
          continue;
        }
        String path = lr.record().healthRoute().get();
        HealthProbe.Result res = probe.get(lr.served(), path);
        if (res.healthy()) {
          rt.probeFailures.remove(n);
          continue;
        }
        int failures = rt.probeFailures.merge(n, 1, Integer::sum);
        logs.add(
            rt.name,
            "WARN",
            n,
            null,
            "health",
            "health check " + path + " " + res.detail() + " (" + failures + " in a row)");
        if (failures >= config.probeFailures()) {
          heal(
              rt,
              n,
              "health check " + path + " failed " + failures + " times in a row: " + res.detail());
        }
      }
    }
  }

  private void heal(AppRuntime rt, int unhealthy, String why) {
    if (!rt.operations.tryLock()) {
      return;
    }
    try {
      Optional<Revision> target = TrafficChanges.rollbackTarget(apps.revisions(rt.name), unhealthy);
      if (target.isEmpty()) {
        rt.healthy = false;
        LOG.error(
            "app {} revision {}: {}; no earlier healthy revision to move to",
            rt.name,
            unhealthy,
            why);
        return;
      }
      LOG.warn(
          "app {} revision {}: {}; moving traffic to revision {}",
          rt.name,
          unhealthy,
          why,
          target.get().number());
      serving.setRevisionState(rt.name, unhealthy, Revision.State.ROLLED_BACK, why);
      Rollout rollout =
          apps.store()
              .tx(
                  db ->
                      RolloutRows.insertRollout(
                          db,
                          new Rollout(
                              0,
                              rt.name,
                              target.get().number(),
                              Optional.of(unhealthy),
                              Strategy.allAtOnce(),
                              Rollout.State.PENDING,
                              0,
                              0,
                              "self-healing: revision " + unhealthy + " is unhealthy (" + why + ")",
                              Instant.now(),
                              Optional.empty())));
      jobs.start(rt, rollout);
    } finally {
      rt.operations.unlock();
    }
  }
}
