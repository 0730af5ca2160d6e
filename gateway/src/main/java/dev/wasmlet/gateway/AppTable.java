package dev.wasmlet.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The apps a gateway serves, most specific routing first. Readers see an immutable list through one
 * volatile read; changes copy it (they are rare: deploys and deletes).
 */
public final class AppTable {
  private volatile List<HostedApp> apps = List.of();

  /** The app serving a host and path, if any. */
  public Optional<HostedApp> find(String host, String path) {
    for (HostedApp a : apps) {
      if (a.routing().matchesPath(path) && a.routing().matchesHost(host)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  public Optional<HostedApp> byName(String name) {
    return apps.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  public List<HostedApp> apps() {
    return apps;
  }

  /**
   * Adds or replaces (by name) an app.
   *
   * @throws GatewayException when its routing overlaps another app's
   */
  public synchronized void put(HostedApp app) {
    List<HostedApp> next = new ArrayList<>();
    for (HostedApp a : apps) {
      if (a.name().equals(app.name())) {
        continue;
      }
      if (a.routing().overlaps(app.routing())) {
        throw new GatewayException(
            "app \""
                + app.name()
                + "\": its routing "
                + app.routing()
                + " overlaps that of app \""
                + a.name()
                + "\"; give it another --prefix or --host");
      }
      next.add(a);
    }
    next.add(app);
    next.sort(Comparator.comparingInt((HostedApp a) -> a.routing().rank()).reversed());
    apps = List.copyOf(next);
  }

  /** Whether an app with this routing could be added next to the others (itself excluded). */
  public Optional<String> conflict(String name, AppRouting routing) {
    for (HostedApp a : apps) {
      if (!a.name().equals(name) && a.routing().overlaps(routing)) {
        return Optional.of(a.name());
      }
    }
    return Optional.empty();
  }

  public synchronized void remove(String name) {
    apps = apps.stream().filter(a -> !a.name().equals(name)).toList();
  }
}
