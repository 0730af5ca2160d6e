package dev.wasmlet.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's start: every committed app comes back on the revisions and split the store holds,
 * the rollouts a crash interrupted resume, and files no committed state refers to are removed.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final AppStore apps;
  private final Revisions revisions;
  private final AppLogs logs;
  private final Runtimes runtimes;
  private final Serving serving;
  private final RolloutJobs jobs;

  Recovery(
      AppStore apps,
      Revisions revisions,
      AppLogs logs,
      Runtimes runtimes,
      Serving serving,
      RolloutJobs jobs) {
    this.apps = apps;
    this.revisions = revisions;
    this.logs = logs;
    this.runtimes = runtimes;
    this.serving = serving;
    this.jobs = jobs;
  }

  /**
   * Brings back every app on the revisions and split the store holds, resumes the rollouts a crash
   * interrupted, and removes what no committed state refers to.
   */
  void recover() throws IOException {
    registerCommittedApps();
    Set<String> known = ConcurrentHashMap.newKeySet();
    List<AppRecord> all = apps.apps();
    // Apps are independent: load them on every core at once (each app's own steps stay in order).
    int threads = Math.max(1, Math.min(all.size(), Runtime.getRuntime().availableProcessors()));
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("wasmlet-recover-", 0).daemon().factory())) {
      for (AppRecord a : all) {
        done.add(pool.submit(() -> recover(a, known)));
      }
    }
    for (Future<?> f : done) {
      try {
        f.get(); // a failure outside an app's own revisions (the store) stops the start, as before
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while recovering apps", e);
      }
    }
    revisions.workspace().removeUnknown(known);
    for (Rollout r : apps.unfinishedRollouts()) {
      LOG.info("app {}: resuming rollout {} of revision {}", r.app(), r.id(), r.revision());
      jobs.start(runtimes.get(r.app()), r);
    }
    runtimes.updateGauges();
  }

  /** Brings one app back on its committed revisions and split; failures are the app's own. */
  private void recover(AppRecord a, Set<String> known) {
    AppRuntime rt = runtimes.register(a);
    for (Revision r : apps.revisions(a.name())) {
      known.add(a.name() + "/" + r.number());
    }
    Map<Integer, Integer> split = apps.traffic(a.name());
    try {
      Map<Integer, Integer> served = new LinkedHashMap<>();
      List<String> refused = new ArrayList<>();
      for (Map.Entry<Integer, Integer> e : split.entrySet()) {
        try {
          serving.load(rt, apps.revision(a.name(), e.getKey()).orElseThrow());
          served.put(e.getKey(), e.getValue());
        } catch (ArtifactRejected r) {
          refused.add("revision " + e.getKey() + " (" + r.getMessage() + ")");
        }
      }
      if (!refused.isEmpty()) {
        rt.healthy = false;
        String why =
            "the server's supply-chain policy refuses "
                + String.join(", ", refused)
                + (served.isEmpty()
                    ? "; no revision serves"
                    : "; revisions " + served.keySet() + " take all the traffic");
        LOG.error("app {}: {}", a.name(), why);
        logs.add(a.name(), "ERROR", -1, null, "policy", why);
        served = rescale(served);
      }
      if (!served.isEmpty()) {
        serving.route(rt, served);
      }
      LOG.info("app {}: serving {}", a.name(), served);
    } catch (RuntimeException e) {
      rt.healthy = false;
      LOG.error(
          "app {}: cannot serve revisions {} after restart: {}", a.name(), split, e.getMessage());
      logs.add(
          a.name(), "ERROR", -1, null, "rollout", "cannot serve after restart: " + e.getMessage());
    }
  }

  /** The same split scaled to sum to 100 (the last revision takes what rounding leaves). */
  static Map<Integer, Integer> rescale(Map<Integer, Integer> split) {
    int sum = split.values().stream().mapToInt(Integer::intValue).sum();
    Map<Integer, Integer> out = new LinkedHashMap<>();
    if (sum == 0) {
      return out;
    }
    int given = 0;
    List<Integer> keys = List.copyOf(split.keySet());
    for (int i = 0; i < keys.size(); i++) {
      int p = i == keys.size() - 1 ? 100 - given : Math.round(split.get(keys.get(i)) * 100f / sum);
      out.put(keys.get(i), p);
      given += p;
    }
    return out;
  }

  /**
   * Puts every committed app in the gateway's table, with no revision yet: until its revisions are
   * loaded a known app answers 503 with Retry-After, never 404. Called before the gateway accepts
   * connections, then again (harmlessly) by {@link #recover}.
   */
  void registerCommittedApps() {
    for (AppRecord a : apps.apps()) {
      runtimes.register(a);
    }
  }
}
