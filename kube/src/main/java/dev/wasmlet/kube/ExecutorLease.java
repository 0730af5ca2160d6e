package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An executor's registration: a {@code coordination.k8s.io} Lease named after it, renewed every
 * third of its duration, whose annotations say where its admin API and gateway answer. The admin
 * token is read from the executors' Secret at start and again at every renewal, so rotating the
 * Secret takes effect within one renewal. Closing deletes the Lease, so the operator moves the
 * executor's apps at once rather than when the Lease expires.
 */
public final class ExecutorLease implements AutoCloseable {
  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(3);

  /** Where an executor answers and what it takes, as its Lease advertises it. */
  public record Advertised(
      String name, URI admin, String gatewayHost, int gatewayPort, int capacity) {}

  private final KubernetesClient client;
  private final String namespace;
  private final Advertised self;
  private final Duration duration;
  private final String holder;
  private final AtomicReference<String> token;
  private final Consumer<String> warnings;
  private final ScheduledExecutorService renewer;

  private ExecutorLease(
      KubernetesClient client,
      String namespace,
      Advertised self,
      Duration duration,
      String token,
      Consumer<String> warnings) {
    this.client = client;
    this.namespace = namespace;
    this.self = self;
    this.duration = duration;
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    this.holder = self.name() + "/" + HexFormat.of().formatHex(id);
    this.token = new AtomicReference<>(token);
    this.warnings = warnings;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wasmlet-executor-lease");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Reads the admin token, takes the Lease and starts renewing it.
   *
   * @throws ClusterUnusable when the token Secret is missing, the name is held by a live executor,
   *     or the API server refuses the Lease
   */
  public static ExecutorLease start(
      KubernetesClient client,
      String namespace,
      Advertised self,
      Duration duration,
      Consumer<String> warnings) {
    String token = ExecutorDirectory.token(client, namespace);
    ExecutorLease lease = new ExecutorLease(client, namespace, self, duration, token, warnings);
    lease.take();
    long every = Math.max(1, duration.toMillis() / 3);
    lease.renewer.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
    return lease;
  }

  /** The admin token as last read from the Secret. */
  public Optional<String> token() {
    return Optional.of(token.get());
  }

  /** The Lease's name. */
  public String leaseName() {
    return ExecutorDirectory.leaseName(self.name());
  }

  private void take() {
    Lease existing;
    try {
      existing = client.leases().inNamespace(namespace).withName(leaseName()).get();
    } catch (KubernetesClientException e) {
      throw refused("read", e);
    }
    if (existing != null) {
      Optional<ExecutorRecord> other = ExecutorRecord.of(existing);
      if (other.isPresent() && other.get().live(Instant.now())) {
        throw new ClusterUnusable(
            "executor name \""
                + self.name()
                + "\" is held by a live executor (Lease "
                + namespace
                + "/"
                + leaseName()
                + ", holder "
                + existing.getSpec().getHolderIdentity()
                + ", renewed "
                + other.get().renewedAt()
                + "): give this one another --executor-name, or stop the other",
            null);
      }
    }
    write();
  }

  private void renew() {
    try {
      token.set(ExecutorDirectory.token(client, namespace));
    } catch (ClusterUnusable e) {
      warnings.accept("keeping the admin token read before: " + e.getMessage());
    }
    try {
      write();
    } catch (ClusterUnusable e) {
      warnings.accept(e.getMessage() + " (retrying in " + duration.toMillis() / 3 + " ms)");
    }
  }

  private void write() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Lease lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(leaseName())
            .withNamespace(namespace)
            .addToLabels(ExecutorDirectory.LABEL, "true")
            .addToAnnotations(ExecutorDirectory.NAME, self.name())
            .addToAnnotations(ExecutorDirectory.ADMIN_URL, self.admin().toString())
            .addToAnnotations(
                ExecutorDirectory.GATEWAY, self.gatewayHost() + ":" + self.gatewayPort())
            .addToAnnotations(ExecutorDirectory.CAPACITY, Integer.toString(self.capacity()))
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(holder)
            .withLeaseDurationSeconds((int) Math.max(1, duration.toSeconds()))
            .withRenewTime(now)
            .endSpec()
            .build();
    try {
      client
          .leases()
          .inNamespace(namespace)
          .resource(lease)
          .fieldManager("wasmlet-executor")
          .forceConflicts()
          .serverSideApply();
    } catch (KubernetesClientException e) {
      throw refused("renew", e);
    }
  }

  private ClusterUnusable refused(String what, KubernetesClientException e) {
    return new ClusterUnusable(
        "cannot "
            + what
            + " Lease "
            + namespace
            + "/"
            + leaseName()
            + ": "
            + e.getMessage()
            + " (the executor's service account needs get, create, update, patch and delete on"
            + " leases in "
            + namespace
            + ")",
        e);
  }

  /**
   * Stops renewing and deletes the Lease, so the operator moves this executor's apps now. Bounded
   * to a few seconds: with the API server unreachable the client would retry for longer than a
   * pod's grace period, and the Lease expires by itself anyway.
   */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(2, TimeUnit.SECONDS);
      CompletableFuture.runAsync(
              () -> client.leases().inNamespace(namespace).withName(leaseName()).delete(),
              Thread::startVirtualThread)
          .get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      warnings.accept(
          "could not delete Lease "
              + namespace
              + "/"
              + leaseName()
              + ": "
              + e.getCause().getMessage()
              + "; it expires by itself");
    } catch (TimeoutException e) {
      warnings.accept(
          "could not delete Lease "
              + namespace
              + "/"
              + leaseName()
              + " within "
              + CLOSE_LIMIT.toSeconds()
              + " s (is the API server reachable?); it expires by itself");
    }
  }
}
