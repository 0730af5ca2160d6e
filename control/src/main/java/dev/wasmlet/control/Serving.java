package dev.wasmlet.control;

import dev.wasmlet.gateway.HealthProbe;
import dev.wasmlet.gateway.ServedRevision;
import dev.wasmlet.gateway.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revisions in service: loading them (through the supply-chain gate), proving them ready, showing
 * committed splits to the gateway, releasing those left without traffic, recording rollout progress
 * and revision states, and pruning history. Splits change under the app runtime's monitor.
 */
final class Serving {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final ServerConfig config;
  private final AppStore apps;
  private final Revisions revisions;
  private final AppLogs logs;
  private final Metrics metrics;
  private final HealthProbe probe;
  private final SupplyChainGate gate;
  private final Runtimes runtimes;

  Serving(
      ServerConfig config,
      AppStore apps,
      Revisions revisions,
      AppLogs logs,
      Metrics metrics,
      HealthProbe probe,
      SupplyChainGate gate,
      Runtimes runtimes) {
    this.config = config;
    this.apps = apps;
    this.revisions = revisions;
    this.logs = logs;
    this.metrics = metrics;
    this.probe = probe;
    this.gate = gate;
    this.runtimes = runtimes;
  }

  /** Loads a revision unless it is loaded already. */
  LoadedRevision load(AppRuntime rt, Revision r) {
    LoadedRevision have = rt.loaded.get(r.number());
    if (have != null) {
      return have;
    }
    Verification v = gate.admit(rt.name, Optional.of(r), r.source());
    if (!r.verification().equals(Optional.of(v)) || r.state() == Revision.State.REJECTED) {
      apps.store()
          .tx(
              db -> {
                AppStore.setVerification(db, rt.name, r.number(), v);
                if (r.state() == Revision.State.REJECTED) {
                  AppStore.setRevisionState(
                      db,
                      rt.name,
                      r.number(),
                      AppStore.traffic(db, rt.name).containsKey(r.number())
                          ? Revision.State.ACTIVE
                          : Revision.State.READY,
                      Optional.of("admitted by the server's supply-chain policy again"));
                }
                return null;
              });
    }
    ServedRevision served = revisions.load(r);
    LoadedRevision lr = new LoadedRevision(r, served);
    rt.loaded.put(r.number(), lr);
    runtimes.updateGauges();
    return lr;
  }

  /**
   * Whether a loaded revision may take traffic: its health route, if it declares one, answers 2xx
   * (three tries, 200 ms apart). Empty when ready, else why not.
   */
  Optional<String> readiness(LoadedRevision lr) {
    if (lr.record().healthRoute().isEmpty()) {
      return Optional.empty();
    }
    String path = lr.record().healthRoute().get();
    HealthProbe.Result last = null;
    for (int i = 0; i < 3; i++) {
      last = probe.get(lr.served(), path);
      if (last.healthy()) {
        return Optional.empty();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
    }
    return Optional.of("health check " + path + " " + last.detail());
  }

  /**
   * Commits a new split (with the rollout's progress and revision states) and then shows it to the
   * gateway; revisions left without traffic are released once their requests finish.
   */
  void apply(
      AppRuntime rt,
      Map<Integer, Integer> split,
      Optional<Rollout> progress,
      Map<Integer, Map.Entry<Revision.State, String>> states) {
    synchronized (rt) {
      apps.store()
          .tx(
              db -> {
                AppStore.setTraffic(db, rt.name, split);
                for (Map.Entry<Integer, Map.Entry<Revision.State, String>> s : states.entrySet()) {
                  AppStore.setRevisionState(
                      db,
                      rt.name,
                      s.getKey(),
                      s.getValue().getKey(),
                      Optional.ofNullable(s.getValue().getValue()));
                }
                if (progress.isPresent()) {
                  RolloutRows.updateRollout(db, progress.get());
                }
                return null;
              });
      route(rt, split);
      for (LoadedRevision lr : List.copyOf(rt.loaded.values())) {
        boolean keep =
            split.getOrDefault(lr.number(), 0) > 0 || rt.standby.equals(Optional.of(lr.number()));
        if (!keep) {
          release(rt, lr);
        }
      }
    }
  }

  /** Shows a split of loaded revisions to the gateway (without committing it). */
  void route(AppRuntime rt, Map<Integer, Integer> split) {
    List<TrafficSplit.Share> shares = new ArrayList<>();
    split.forEach(
        (n, p) -> {
          if (p > 0) {
            shares.add(new TrafficSplit.Share(rt.loaded.get(n).served(), p));
          }
        });
    rt.hosted.route(TrafficSplit.of(shares));
  }

  /** Releases a loaded revision that takes no traffic (one that failed to become ready). */
  void releaseIfIdle(AppRuntime rt, int n) {
    synchronized (rt) {
      LoadedRevision lr = rt.loaded.get(n);
      boolean inSplit =
          rt.hosted != null
              && rt.hosted.split().map(s -> lr != null && s.contains(lr.served())).orElse(false);
      if (lr != null && !inSplit) {
        release(rt, lr);
      }
    }
  }

  /** Takes a revision out of service; its in-flight requests finish first, in the background. */
  void release(AppRuntime rt, LoadedRevision lr) {
    rt.loaded.remove(lr.number(), lr);
    rt.probeFailures.remove(lr.number());
    Thread.ofVirtual()
        .name("drain-" + rt.name + "-" + lr.number())
        .start(
            () -> {
              int left = lr.served().retire(config.drainGrace());
              if (left > 0) {
                LOG.warn(
                    "app {} revision {}: released with {} requests in flight",
                    rt.name,
                    lr.number(),
                    left);
              }
              metrics.forget(rt.name, lr.number());
              runtimes.updateGauges();
            });
  }

  void persist(Rollout r) {
    apps.store()
        .tx(
            db -> {
              RolloutRows.updateRollout(db, r);
              return null;
            });
    logs.add(
        r.app(),
        r.state() == Rollout.State.PROGRESSING || r.state() == Rollout.State.SUCCEEDED
            ? "INFO"
            : "WARN",
        r.revision(),
        null,
        "rollout",
        r.message());
    if (r.state().terminal()) {
      metrics.rolloutFinished(r.app(), r.state());
    }
  }

  void setRevisionState(String app, int number, Revision.State state, String reason) {
    apps.store()
        .tx(
            db -> {
              AppStore.setRevisionState(db, app, number, state, Optional.of(reason));
              return null;
            });
  }

  Optional<Revision> revision(String app, int number) {
    return apps.revision(app, number);
  }

  /** Drops the oldest revisions past the history limit that serve nothing. */
  void prune(AppRuntime rt) {
    List<Revision> all = apps.revisions(rt.name);
    Map<Integer, Integer> split = apps.traffic(rt.name);
    List<Revision> dropped = new ArrayList<>();
    List<Revision> kept = new ArrayList<>();
    for (Revision r : all) {
      boolean inUse =
          split.containsKey(r.number())
              || rt.loaded.containsKey(r.number())
              || rt.standby.equals(Optional.of(r.number()));
      if (kept.size() >= config.history() && !inUse) {
        dropped.add(r);
      } else {
        kept.add(r);
      }
    }
    if (dropped.isEmpty()) {
      return;
    }
    apps.store()
        .tx(
            db -> {
              for (Revision r : dropped) {
                AppStore.deleteRevision(db, rt.name, r.number());
              }
              VariableStore.prune(db, rt.name, kept);
              return null;
            });
    for (Revision r : dropped) {
      revisions.workspace().delete(rt.name, r.number());
    }
  }
}
