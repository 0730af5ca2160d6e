package dev.wasmlet.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executors and their admin token as every reconcile sees them: the Leases listed at most once
 * a second and the token Secret read at most once per resync, so that a thousand WasmApps settling
 * cost the API server two reads a second, not two per WasmApp.
 */
final class ExecutorView {
  private static final long LEASES_KEPT_NANOS = Duration.ofSeconds(1).toNanos();

  private final KubernetesClient client;
  private final String namespace;
  private final long tokenKeptNanos;
  private List<ExecutorRecord> live = List.of();
  private long liveAt;
  private boolean listed;
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private String token;
  private long tokenAt;

  ExecutorView(KubernetesClient client, String namespace, Duration tokenKept) {
    this.client = client;
    this.namespace = namespace;
    this.tokenKeptNanos = tokenKept.toNanos();
  }

  String namespace() {
    return namespace;
  }

  /**
   * The executors whose Leases have not expired, as listed within the last second, less those whose
   * admin port was last found refusing connections ({@link ExecutorEvents}).
   *
   * @throws ClusterUnusable when the Leases cannot be listed
   */
  List<ExecutorRecord> live() {
    return leased().stream().filter(e -> !unreachable.contains(e.name())).toList();
  }

  /**
   * The executors whose Leases have not expired, as listed within the last second.
   *
   * @throws ClusterUnusable when the Leases cannot be listed
   */
  synchronized List<ExecutorRecord> leased() {
    long now = System.nanoTime();
    if (!listed || now - liveAt > LEASES_KEPT_NANOS) {
      live = ExecutorDirectory.live(client, namespace);
      liveAt = now;
      listed = true;
      unreachable.retainAll(live.stream().map(ExecutorRecord::name).toList());
    }
    return live;
  }

  /** Takes {@code name} out of {@link #live} until {@link #reachable} says otherwise. */
  void unreachable(String name) {
    unreachable.add(name);
  }

  void reachable(String name) {
    unreachable.remove(name);
  }

  /**
   * The executors' admin token, read again once per resync so a rotated Secret is taken up.
   *
   * @throws ClusterUnusable when the Secret or its key is missing
   */
  synchronized String token() {
    long now = System.nanoTime();
    if (token == null || now - tokenAt > tokenKeptNanos) {
      token = ExecutorDirectory.token(client, namespace);
      tokenAt = now;
    }
    return token;
  }
}
