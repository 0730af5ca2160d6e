package dev.wasmlet.gateway;

import dev.wasmlet.app.FileMount;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.engine.CompiledModule;
import dev.wasmlet.engine.Component;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.EngineException;
import dev.wasmlet.engine.GuestLimits;
import dev.wasmlet.engine.Mount;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A locked app made ready to serve: every component's module compiled (or taken from the cache) and
 * prepared with its limits, environment and files.
 */
public final class ServedApp implements AutoCloseable {
  private final LockedApp app;
  private final Map<String, Component> components;
  private final IdentityHashMap<LockedRoute, Component> byRoute = new IdentityHashMap<>();

  private ServedApp(LockedApp app, Map<String, Component> components) {
    this.app = app;
    this.components = components;
    // Resolved once: the request path looks a route's component up by identity, no key building.
    for (LockedRoute r : app.routes()) {
      byRoute.put(r, components.get(key(r.componentId(), r.wagi().entrypoint())));
    }
  }

  /**
   * Loads every component of the app.
   *
   * @throws GatewayException naming the app and component when a module cannot be used
   */
  public static ServedApp load(Engine engine, LockedApp app) {
    Map<String, Component> components = new LinkedHashMap<>();
    try {
      // One prepared component per (component, entry point): WAGI routes choose the entry point.
      for (LockedRoute r : app.routes()) {
        String key = key(r.componentId(), r.wagi().entrypoint());
        if (!components.containsKey(key)) {
          components.put(
              key, prepare(engine, app.components().get(r.componentId()), r.wagi().entrypoint()));
        }
      }
    } catch (EngineException e) {
      components.values().forEach(Component::close);
      throw new GatewayException("app \"" + app.name() + "\": " + e.getMessage(), e);
    }
    return new ServedApp(app, components);
  }

  private static String key(String componentId, String entrypoint) {
    return componentId + "#" + entrypoint;
  }

  private static Component prepare(Engine engine, LockedComponent c, String entrypoint) {
    CompiledModule module = engine.load(c.source().getFileName().toString(), c.source());
    if (!module.sha256().equals(c.sha256())) {
      throw new EngineException(
          "component \""
              + c.id()
              + "\": module "
              + c.source().getFileName()
              + " changed since the app was locked (sha256 "
              + module.sha256()
              + ", locked "
              + c.sha256()
              + "); lock the app again");
    }
    var limits =
        new GuestLimits(
            c.limits().maxMemoryBytes(), c.limits().timeout(), c.limits().maxResponseBytes());
    return Component.builder(engine, c.id(), module)
        .withLimits(limits)
        .withEnvironment(environment(c))
        .withMounts(c.files().stream().map(ServedApp::mount).toList())
        .withEntrypoint(entrypoint)
        .build();
  }

  /** Static environment plus component variables, the latter upper-cased as WAGI variables. */
  private static Map<String, String> environment(LockedComponent c) {
    Map<String, String> env = new HashMap<>();
    c.variables().forEach((k, v) -> env.put(k.toUpperCase(Locale.ROOT), v));
    env.putAll(c.environment());
    return env;
  }

  private static Mount mount(FileMount f) {
    return new Mount(f.hostPath(), f.guestPath());
  }

  public LockedApp app() {
    return app;
  }

  Optional<RouteMatch> route(String path) {
    return app.route(path);
  }

  /** The prepared component a route runs. */
  Component component(LockedRoute route) {
    return byRoute.get(route);
  }

  /**
   * Builds one instance of every component without running it.
   *
   * @throws dev.wasmlet.engine.GuestFailed when one cannot be built
   */
  public void instantiateAll() {
    components.values().forEach(Component::instantiate);
  }

  LockedComponent locked(String id) {
    return app.components().get(id);
  }

  @Override
  public void close() {
    components.values().forEach(Component::close);
  }
}
