package dev.wasmlet.control;

import dev.wasmlet.gateway.AppTable;
import dev.wasmlet.gateway.HostedApp;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps the server holds in memory, by name, and the gauges that count them. A committed app is
 * put in the gateway's table as soon as it is known here.
 */
final class Runtimes {
  private final Map<String, AppRuntime> byName = new ConcurrentHashMap<>();
  private final AppStore apps;
  private final AppTable table;
  private final Metrics metrics;

  Runtimes(AppStore apps, AppTable table, Metrics metrics) {
    this.apps = apps;
    this.table = table;
    this.metrics = metrics;
  }

  /** The app's runtime, or null when the server holds none. */
  AppRuntime get(String app) {
    return byName.get(app);
  }

  Optional<AppRuntime> find(String app) {
    return Optional.ofNullable(byName.get(app));
  }

  boolean contains(String app) {
    return byName.containsKey(app);
  }

  Collection<AppRuntime> all() {
    return byName.values();
  }

  /** The committed app's runtime, put in the gateway's table (with no revision) when new. */
  AppRuntime register(AppRecord a) {
    return byName.computeIfAbsent(
        a.name(),
        n -> {
          HostedApp hosted = new HostedApp(n, a.routing(), a.admission());
          table.put(hosted);
          return new AppRuntime(n, hosted);
        });
  }

  /** The app's runtime, a new one (not in the gateway's table) when the server holds none. */
  AppRuntime getOrNew(String app) {
    return byName.computeIfAbsent(app, n -> new AppRuntime(n, null));
  }

  void remove(String app) {
    byName.remove(app);
  }

  AppRuntime require(String app) {
    Sanitize.appName(app);
    AppRuntime rt = byName.get(app);
    if (rt == null || apps.app(app).isEmpty()) {
      throw ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps");
    }
    return rt;
  }

  int revisionsLoaded() {
    return byName.values().stream().mapToInt(r -> r.loaded.size()).sum();
  }

  void updateGauges() {
    metrics.gauges(byName.size(), revisionsLoaded());
  }
}
