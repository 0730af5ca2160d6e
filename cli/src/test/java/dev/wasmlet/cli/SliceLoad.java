package dev.wasmlet.cli;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that does what kube-proxy does for a Service, without a kubelet: it follows the
 * Service's EndpointSlices (re-read every 200 ms) and sends each request to the next ready
 * endpoint, with the app's Service host name. Counts what succeeded, what failed, and which bodies
 * came back.
 */
final class SliceLoad implements AutoCloseable {
  record Target(String address, int port) {}

  private final KubernetesClient client;
  private final String namespace;
  private final String service;
  private final String path;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong ok = new AtomicLong();
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile List<Target> targets = List.of();

  SliceLoad(KubernetesClient client, String namespace, String service, String path) {
    this.client = client;
    this.namespace = namespace;
    this.service = service;
    this.path = path;
    this.thread = new Thread(this::run, "slice-load");
    this.thread.setDaemon(true);
  }

  static List<Target> targets(KubernetesClient client, String namespace, String service) {
    List<Target> out = new ArrayList<>();
    for (EndpointSlice s :
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(namespace)
            .withLabel("kubernetes.io/service-name", service)
            .list()
            .getItems()) {
      int port = s.getPorts().get(0).getPort();
      for (Endpoint e : s.getEndpoints()) {
        if (e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady())) {
          e.getAddresses().forEach(a -> out.add(new Target(a, port)));
        }
      }
    }
    return out;
  }

  SliceLoad start() {
    targets = targets(client, namespace, service);
    thread.start();
    return this;
  }

  private void run() {
    long lastRead = System.nanoTime();
    int next = 0;
    String vhost = service + "." + namespace + ".svc.cluster.local";
    while (running.get()) {
      if (System.nanoTime() - lastRead > 200_000_000L) {
        try {
          targets = targets(client, namespace, service);
        } catch (RuntimeException e) {
          // the API server is busy: keep the last slices, as kube-proxy does
        }
        lastRead = System.nanoTime();
      }
      List<Target> now = targets;
      if (now.isEmpty()) {
        failures.add("no endpoints");
        sleep();
        continue;
      }
      Target t = now.get(Math.floorMod(next++, now.size()));
      HostProbe.Answer a = HostProbe.get(t.address(), t.port(), vhost, path);
      if (a.status() == 200) {
        ok.incrementAndGet();
        bodies.computeIfAbsent(a.body(), b -> new AtomicLong()).incrementAndGet();
      } else {
        failures.add(t + " answered " + a.status() + ": " + a.body());
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long succeeded() {
    return ok.get();
  }

  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** How many answers carried {@code text}. */
  long answersContaining(String text) {
    return bodies.entrySet().stream()
        .filter(e -> e.getKey().contains(text))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(15_000);
  }
}
