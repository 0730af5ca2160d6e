package dev.wasmlet.control;

import dev.wasmlet.gateway.GatewayEvents;
import dev.wasmlet.gateway.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prometheus metrics per app and revision, fed by the gateway's events, and the app logs' guest
 * lines. Series of a revision are dropped when it is released, so their number stays bounded by the
 * revisions loaded.
 */
final class Metrics implements GatewayEvents {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AppLogs logs;
  private final Counter requests =
      Counter.builder()
          .name("wasmlet_requests_total")
          .help("Requests answered, by app, revision and status class")
          .labelNames("app", "revision", "code")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("wasmlet_request_duration_seconds")
          .help("Time from request to response, by app and revision")
          .labelNames("app", "revision")
          .classicOnly()
          .classicUpperBounds(
              0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
              2.5, 5, 10, 30)
          .register(registry);
  private final Counter instanceStarts =
      Counter.builder()
          .name("wasmlet_instance_starts_total")
          .help("Wasm instances started (one per request that reached a guest)")
          .labelNames("app", "revision")
          .register(registry);
  private final Counter errors =
      Counter.builder()
          .name("wasmlet_errors_total")
          .help("Requests that failed, by kind: trap, timeout, memory, admission, ...")
          .labelNames("app", "revision", "kind")
          .register(registry);
  private final Counter rollouts =
      Counter.builder()
          .name("wasmlet_rollouts_total")
          .help("Rollouts finished, by result")
          .labelNames("app", "result")
          .register(registry);
  private final Counter rejections =
      Counter.builder()
          .name("wasmlet_policy_rejections_total")
          .help(
              "Deploys and revisions refused by the supply-chain policy, by the check that failed")
          .labelNames("app", "check")
          .register(registry);
  private final Gauge appsDeployed =
      Gauge.builder().name("wasmlet_apps").help("Apps known to the server").register(registry);
  private final Gauge revisionsLoaded =
      Gauge.builder()
          .name("wasmlet_revisions_loaded")
          .help("Revisions loaded and able to serve")
          .register(registry);

  Metrics(AppLogs logs) {
    this.logs = logs;
  }

  @Override
  public void requestDone(String app, int revision, int status, long nanos, Outcome outcome) {
    String rev = Integer.toString(revision);
    requests.labelValues(app, rev, (status / 100) + "xx").inc();
    latency.labelValues(app, rev).observe(nanos / 1e9);
    if (outcome != Outcome.ANSWERED && outcome != Outcome.REJECTED) {
      errors.labelValues(app, rev, outcome.label()).inc();
    }
  }

  @Override
  public void instanceStarted(String app, int revision) {
    instanceStarts.labelValues(app, Integer.toString(revision)).inc();
  }

  @Override
  public void guestLine(String app, int revision, String requestId, String line) {
    logs.add(app, "INFO", revision, requestId, "guest", line);
  }

  void rolloutFinished(String app, Rollout.State result) {
    rollouts.labelValues(app, result.label()).inc();
  }

  void rejected(String app, String check) {
    rejections.labelValues(app, check).inc();
  }

  void gauges(int apps, int revisions) {
    appsDeployed.set(apps);
    revisionsLoaded.set(revisions);
  }

  /** Drops the series of a released revision. */
  void forget(String app, int revision) {
    String rev = Integer.toString(revision);
    for (String code : new String[] {"1xx", "2xx", "3xx", "4xx", "5xx"}) {
      requests.remove(app, rev, code);
    }
    latency.remove(app, rev);
    instanceStarts.remove(app, rev);
    for (Outcome o : Outcome.values()) {
      errors.remove(app, rev, o.label());
    }
  }

  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
