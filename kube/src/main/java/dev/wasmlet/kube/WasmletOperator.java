package dev.wasmlet.kube;

import dev.wasmlet.trust.ContentStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code wasmlet operator}: Java Operator SDK running the WasmApp controller over every namespace,
 * behind a leader-election Lease so that two or more operators can run and one acts. A replica that
 * loses the lease exits (its pod restarts and waits as a follower). A new leader keeps no memory of
 * the old one's: it resumes every WasmApp from its status (placed executors, digest) and from what
 * the executors' admin APIs report.
 */
public final class WasmletOperator implements AutoCloseable {
  /** The leader-election Lease's name, in the executors' namespace. */
  public static final String LEADER_LEASE = "wasmlet-operator";

  /**
   * How the operator runs.
   *
   * @param executorNamespace where executors' Leases, the admin token Secret and the leader Lease
   *     live
   * @param identity this replica's name in the leader Lease (the pod name)
   * @param cacheDir where pulled artifacts are kept
   * @param insecureLoopbackRegistries plain HTTP for registries on this machine (tests, a local
   *     registry)
   * @param resync how often a settled WasmApp is looked at again (executor Leases expiring)
   * @param leaderLease how long the leader's Lease holds without renewal: how long a dead leader's
   *     work waits before a standby takes it over (it renews within two thirds of it)
   * @param onLeading called when this replica becomes the leader and starts reconciling
   * @param statsInterval how often a line of reconcile counts and times is printed
   * @param log where that line goes
   */
  public record Settings(
      String executorNamespace,
      String identity,
      Path cacheDir,
      boolean insecureLoopbackRegistries,
      Duration resync,
      Duration leaderLease,
      Runnable onLeading,
      Duration statsInterval,
      Consumer<String> log) {}

  private final Operator operator;
  private final ReconcileStats stats;

  private WasmletOperator(Operator operator, ReconcileStats stats) {
    this.operator = operator;
    this.stats = stats;
  }

  /** Registers the controller and starts it; it reconciles once this replica leads. */
  public static WasmletOperator start(KubernetesClient client, Settings s) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withLeaderElectionConfiguration(
                        new LeaderElectionConfiguration(
                            LEADER_LEASE,
                            s.executorNamespace(),
                            s.leaderLease(),
                            s.leaderLease().multipliedBy(2).dividedBy(3),
                            s.leaderLease().dividedBy(8),
                            s.identity(),
                            new LeaderCallbacks(s.onLeading(), () -> {}, leader -> {}),
                            true)));
    ReconcileStats stats = new ReconcileStats(s.statsInterval(), s.log());
    WasmAppReconciler reconciler =
        new WasmAppReconciler(
            new ExecutorView(client, s.executorNamespace(), s.resync()),
            new Artifacts(
                ContentStore.at(s.cacheDir().resolve("content")), s.insecureLoopbackRegistries()),
            s.resync(),
            stats);
    operator.register(
        reconciler,
        c ->
            c.watchingAllNamespaces()
                .withReconciliationMaxInterval(s.resync())
                .withItemStore(new LeanItemStore<>()));
    operator.start();
    return new WasmletOperator(operator, stats);
  }

  @Override
  public void close() {
    operator.stop();
    stats.close();
  }
}
