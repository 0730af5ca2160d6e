package dev.wasmlet.kube;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Brings WasmApps back to be reconciled as soon as the executors change, not at their next resync.
 * Twice a second it lists the executors (as {@link ExecutorView} does) and knocks on each one's
 * admin port: an executor whose port refuses connections (its process is gone: killed, crashed,
 * stopped) is taken out of {@link ExecutorView#live} at once, before its Lease expires. When the
 * set of executors changes, every WasmApp placed on one that went, or short of replicas when one
 * came, is reconciled now, so a killed executor's replicas move and its EndpointSlices stop
 * pointing at it within about a second. A port that does not answer at all (a node gone, packets
 * dropped) is not taken as dead: that waits for the Lease to expire, as a slow but live executor
 * must not lose its apps.
 */
final class ExecutorEvents extends AbstractEventSource<ExecutorRecord, WasmApp> {
  private static final Duration EVERY = Duration.ofMillis(500);
  private static final int KNOCK_MILLIS = 250;

  private final ExecutorView executors;
  private final IndexerResourceCache<WasmApp> apps;
  private ScheduledExecutorService timer;
  private Set<String> last = Set.of();

  ExecutorEvents(ExecutorView executors, IndexerResourceCache<WasmApp> apps) {
    super(ExecutorRecord.class, "executors");
    this.executors = executors;
    this.apps = apps;
  }

  /** Executors are not a WasmApp's secondary resources: this source only triggers reconciles. */
  @Override
  public Set<ExecutorRecord> getSecondaryResources(WasmApp primary) {
    return Set.of();
  }

  @Override
  public synchronized void start() {
    super.start();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wasmlet-operator-executors");
              t.setDaemon(true);
              return t;
            });
    long ms = EVERY.toMillis();
    timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
    super.stop();
  }

  private void check() {
    try {
      List<ExecutorRecord> leased = executors.leased();
      for (ExecutorRecord e : leased) {
        if (refuses(e.admin())) {
          executors.unreachable(e.name());
        } else {
          executors.reachable(e.name());
        }
      }
      Set<String> now =
          executors.live().stream().map(ExecutorRecord::name).collect(Collectors.toSet());
      if (now.equals(last)) {
        return;
      }
      Set<String> gone = new HashSet<>(last);
      gone.removeAll(now);
      boolean came = !last.containsAll(now);
      last = now;
      apps.list()
          .filter(a -> placedOn(a, gone) || (came && shortOfReplicas(a)))
          .forEach(a -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(a))));
    } catch (RuntimeException e) {
      // the Leases could not be listed: the next check tries again, and reconciles report it
    }
  }

  private static boolean placedOn(WasmApp a, Set<String> gone) {
    return !gone.isEmpty()
        && a.getStatus() != null
        && a.getStatus().executors() != null
        && a.getStatus().executors().stream().anyMatch(gone::contains);
  }

  private static boolean shortOfReplicas(WasmApp a) {
    int want = a.getSpec().replicas() == null ? 1 : a.getSpec().replicas();
    return a.getStatus() == null
        || a.getStatus().readyReplicas() == null
        || a.getStatus().readyReplicas() < want;
  }

  /** Whether the admin port actively refuses a connection (no process listens there). */
  static boolean refuses(URI admin) {
    int port = admin.getPort() > 0 ? admin.getPort() : "https".equals(admin.getScheme()) ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(admin.getHost(), port), KNOCK_MILLIS);
      return false;
    } catch (ConnectException e) {
      // "Connection refused" (a reset to the SYN); "Network is unreachable" is no such proof
      return String.valueOf(e.getMessage()).contains("refused");
    } catch (IOException | IllegalArgumentException e) {
      return false; // timed out, unresolvable, unreachable network: not proof it is gone
    }
  }
}
