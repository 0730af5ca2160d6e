package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import dev.wasmlet.gateway.AppTable;
import dev.wasmlet.gateway.HealthProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's desired state in motion: deploys become revisions and rollouts, rollouts move
 * traffic, rollbacks and traffic changes go through the same safe path, and every change is
 * committed to the store before the gateway sees it, so a restart finds what was last promised.
 *
 * <p>This is the face the admin API and the server see; the work is done by {@link Recovery},
 * {@link Deployments}, {@link TrafficChanges}, {@link VariableChanges}, {@link Serving}, {@link
 * RolloutJobs} and {@link Healing}, which share the {@link Runtimes} held in memory.
 */
final class Control implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final AppStore apps;
  private final VariableStore variables;
  private final Revisions revisions;
  private final AppTable table;
  private final Metrics metrics;
  private final AppLogs logs;
  private final Runtimes runtimes;
  private final SupplyChainGate gate;
  private final Serving serving;
  private final RolloutJobs jobs;
  private final Recovery recovery;
  private final Deployments deployments;
  private final TrafficChanges traffic;
  private final VariableChanges variableChanges;
  private final Healing healing;
  private volatile boolean ready;

  Control(
      ServerConfig config,
      AppStore apps,
      VariableStore variables,
      Revisions revisions,
      AppTable table,
      Metrics metrics,
      AppLogs logs,
      SupplyChain supplyChain) {
    this.apps = apps;
    this.variables = variables;
    this.revisions = revisions;
    this.table = table;
    this.metrics = metrics;
    this.logs = logs;
    HealthProbe probe = new HealthProbe();
    this.runtimes = new Runtimes(apps, table, metrics);
    this.gate = new SupplyChainGate(supplyChain, apps, revisions, logs, metrics, runtimes);
    this.serving = new Serving(config, apps, revisions, logs, metrics, probe, gate, runtimes);
    this.jobs = new RolloutJobs(serving);
    this.recovery = new Recovery(apps, revisions, logs, runtimes, serving, jobs);
    this.deployments =
        new Deployments(config, apps, variables, revisions, table, logs, gate, runtimes, jobs);
    this.traffic = new TrafficChanges(apps, logs, gate, runtimes, serving, jobs);
    this.variableChanges =
        new VariableChanges(config, apps, variables, revisions, gate, runtimes, deployments, jobs);
    this.healing = new Healing(config, apps, logs, probe, runtimes, serving, jobs);
  }

  /** A deploy as the API received it. */
  record DeployRequest(
      RevisionSource source,
      Strategy strategy,
      Optional<AppRouting> routing,
      Optional<AdmissionLimits> admission) {}

  boolean ready() {
    return ready;
  }

  /** The app's key-value stores and SQLite databases, as its components see them. */
  dev.wasmlet.spin.AppData appData(String app) {
    require(app);
    return revisions.appData(app);
  }

  AppStore apps() {
    return apps;
  }

  VariableStore variables() {
    return variables;
  }

  AppLogs logs() {
    return logs;
  }

  Metrics metrics() {
    return metrics;
  }

  Optional<AppRuntime> runtime(String app) {
    return runtimes.find(app);
  }

  int revisionsLoaded() {
    return runtimes.revisionsLoaded();
  }

  AppRuntime require(String app) {
    return runtimes.require(app);
  }

  // ---- start

  /**
   * Brings back every app on the revisions and split the store holds, resumes the rollouts a crash
   * interrupted, and removes what no committed state refers to; then the server is ready.
   */
  void recover() throws IOException {
    recovery.recover();
    ready = true;
  }

  /** See {@link Recovery#registerCommittedApps}. */
  void registerCommittedApps() {
    recovery.registerCommittedApps();
  }

  // ---- changes the API asks for

  Rollout deploy(String app, DeployRequest req) {
    return deployments.deploy(app, req);
  }

  /** See {@link SupplyChainGate#review}. */
  Verification review(String app, RevisionSource source) {
    return gate.review(app, source);
  }

  Rollout rollback(String app, Optional<Integer> to) {
    return traffic.rollback(app, to);
  }

  void setTraffic(String app, Map<Integer, Integer> split) {
    traffic.setTraffic(app, split);
  }

  ValueChange setVariable(String app, String name, Optional<String> value) {
    return variableChanges.setVariable(app, name, value);
  }

  ValueChange setSecret(String app, String name, Optional<String> value) {
    return variableChanges.setSecret(app, name, value);
  }

  void delete(String app) {
    AppRuntime rt = runtimes.require(app);
    rt.operations.lock();
    try {
      RolloutJobs.cancel(rt);
      table.remove(app);
      apps.store()
          .tx(
              db -> {
                AppStore.deleteApp(db, app);
                RejectionRows.deleteRejections(db, app);
                return null;
              });
      runtimes.remove(app);
      // release() takes each revision out of rt.loaded: list them first, to delete their files
      List<LoadedRevision> loaded = List.copyOf(rt.loaded.values());
      for (LoadedRevision lr : loaded) {
        serving.release(rt, lr);
      }
      for (LoadedRevision lr : loaded) {
        revisions.workspace().delete(app, lr.number());
      }
      try {
        revisions.workspace().removeUnknown(knownRevisionDirs());
      } catch (IOException e) {
        LOG.warn("app {}: removing its files: {}", app, e.toString());
      }
      logs.forget(app);
      runtimes.updateGauges();
    } finally {
      rt.operations.unlock();
    }
  }

  private Set<String> knownRevisionDirs() {
    Set<String> known = new HashSet<>();
    for (AppRecord a : apps.apps()) {
      for (Revision r : apps.revisions(a.name())) {
        known.add(a.name() + "/" + r.number());
      }
    }
    return known;
  }

  // ---- health

  /** One round of health probes over every revision taking traffic. */
  void probeAll() {
    healing.probeAll();
  }

  // ---- stop

  /** Whether the server is stopping (a stopped rollout then resumes on restart). */
  boolean closing() {
    return jobs.closing();
  }

  @Override
  public void close() {
    jobs.close(runtimes.all());
    for (AppRuntime rt : runtimes.all()) {
      for (LoadedRevision lr : rt.loaded.values()) {
        lr.served().retire(Duration.ZERO);
      }
    }
  }
}
