package dev.wasmlet.gateway;

import java.util.Optional;

/**
 * An app as the gateway serves it: its routing, its admission limits and its current traffic split.
 * Changing the split is one volatile write; requests already past {@link #pick} are unaffected. An
 * app with no split yet (deployed, not ready) answers 503.
 */
public final class HostedApp {
  private final String name;
  private final AppRouting routing;
  private final Admission admission;
  private volatile TrafficSplit split;

  public HostedApp(String name, AppRouting routing, AdmissionLimits limits) {
    this.name = name;
    this.routing = routing;
    this.admission = new Admission(limits);
  }

  public String name() {
    return name;
  }

  public AppRouting routing() {
    return routing;
  }

  public Admission admission() {
    return admission;
  }

  public Optional<TrafficSplit> split() {
    return Optional.ofNullable(split);
  }

  public void route(TrafficSplit newSplit) {
    this.split = newSplit;
  }

  /** A revision for one request, claimed; its caller must {@link ServedRevision#exit} it. */
  ServedRevision pick() {
    for (int attempt = 0; attempt < 100; attempt++) {
      TrafficSplit s = split;
      if (s == null) {
        break;
      }
      ServedRevision r = s.pick();
      if (r.enter()) {
        return r;
      }
      Thread.onSpinWait();
    }
    throw new RequestRejected(503, "Service Unavailable (no revision ready)");
  }
}
