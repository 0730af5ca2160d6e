package dev.wasmlet.gateway;

import dev.wasmlet.app.Executor;
import dev.wasmlet.app.FileMount;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.component.ComponentException;
import dev.wasmlet.component.ComponentHost;
import dev.wasmlet.component.ComponentInstance;
import dev.wasmlet.component.LoadedComponent;
import dev.wasmlet.component.OutboundHttp;
import dev.wasmlet.component.Store;
import dev.wasmlet.engine.CompiledModule;
import dev.wasmlet.engine.Component;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.EngineException;
import dev.wasmlet.engine.GuestDeadline;
import dev.wasmlet.engine.GuestFailed;
import dev.wasmlet.engine.GuestFiles;
import dev.wasmlet.engine.GuestLimits;
import dev.wasmlet.engine.Mount;
import dev.wasmlet.spin.AppData;
import dev.wasmlet.spin.SpinContext;
import dev.wasmlet.spin.SpinHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A locked app made ready to serve: every component's module compiled (or taken from the cache) and
 * prepared with its limits, environment and files.
 */
public final class ServedApp implements AutoCloseable {
  private final Engine engine;
  private final LockedApp app;
  private final Map<String, Component> components;
  private final Map<String, LoadedComponent> wasiHttp;
  private final Map<String, GuestFiles> wasiFiles;
  private final Map<String, SpinContext.Grant> grants = new HashMap<>();
  private final Map<String, OutboundHttp> outbound = new HashMap<>();
  private final IdentityHashMap<LockedRoute, Component> byRoute = new IdentityHashMap<>();
  private final IdentityHashMap<LockedRoute, LoadedComponent> wasiByRoute = new IdentityHashMap<>();

  private ServedApp(
      Engine engine,
      LockedApp app,
      Map<String, Component> components,
      Map<String, LoadedComponent> wasiHttp,
      Map<String, GuestFiles> wasiFiles,
      AppData data) {
    this.engine = engine;
    this.app = app;
    this.components = components;
    this.wasiHttp = wasiHttp;
    this.wasiFiles = wasiFiles;
    for (String id : wasiHttp.keySet()) {
      LockedComponent c = app.components().get(id);
      outbound.put(
          id, OutboundHttp.of(c.allowedOutboundHosts(), OutboundHttp.DEFAULT_MAX_CONCURRENT));
      grants.put(
          id,
          new SpinContext.Grant(
              id,
              c.variables(),
              Set.copyOf(c.keyValueStores()),
              Set.copyOf(c.sqliteDatabases()),
              data,
              (int) Math.max(1, c.limits().timeout().toSeconds())));
    }
    // Resolved once: the request path looks a route's component up by identity, no key building.
    for (LockedRoute r : app.routes()) {
      if (r.executor() == Executor.WASI_HTTP) {
        wasiByRoute.put(r, wasiHttp.get(r.componentId()));
      } else {
        byRoute.put(r, components.get(key(r.componentId(), r.wagi().entrypoint())));
      }
    }
  }

  /**
   * Loads every component of the app.
   *
   * @throws GatewayException naming the app and component when a module cannot be used
   */
  public static ServedApp load(Engine engine, LockedApp app) {
    return load(engine, app, null);
  }

  /**
   * Loads every component of the app, with the app's durable data for Spin's key-value and SQLite
   * interfaces.
   *
   * @param data the app's stores and databases, owned by the caller; null for none (a component
   *     that opens one then gets an error)
   * @throws GatewayException naming the app and component when a module cannot be used
   */
  public static ServedApp load(Engine engine, LockedApp app, AppData data) {
    Map<String, Component> components = new LinkedHashMap<>();
    Map<String, LoadedComponent> wasiHttp = new LinkedHashMap<>();
    Map<String, GuestFiles> wasiFiles = new LinkedHashMap<>();
    try {
      // One prepared component per (component, entry point): WAGI routes choose the entry point.
      for (LockedRoute r : app.routes()) {
        if (r.executor() == Executor.WASI_HTTP) {
          LockedComponent c = app.components().get(r.componentId());
          if (!wasiHttp.containsKey(c.id())) {
            wasiHttp.put(c.id(), loadWasiHttp(engine, c));
            if (!c.files().isEmpty()) {
              // the same private in-memory copy a WAGI guest reads, preopened at "/"
              wasiFiles.put(
                  c.id(),
                  GuestFiles.copyOf(c.id(), c.files().stream().map(ServedApp::mount).toList()));
            }
          }
          continue;
        }
        String key = key(r.componentId(), r.wagi().entrypoint());
        if (!components.containsKey(key)) {
          components.put(
              key, prepare(engine, app.components().get(r.componentId()), r.wagi().entrypoint()));
        }
      }
    } catch (EngineException | ComponentException e) {
      components.values().forEach(Component::close);
      wasiFiles.values().forEach(GuestFiles::close);
      throw new GatewayException("app \"" + app.name() + "\": " + e.getMessage(), e);
    }
    try {
      return new ServedApp(engine, app, components, wasiHttp, wasiFiles, data);
    } catch (IllegalArgumentException e) { // an allowed_outbound_hosts entry
      components.values().forEach(Component::close);
      wasiFiles.values().forEach(GuestFiles::close);
      throw new GatewayException("app \"" + app.name() + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a wasi:http component: parsed, linked against the WASI 0.2 host (an import the host lacks
   * fails here, naming it) and compiled, after checking it is the file that was locked.
   */
  private static LoadedComponent loadWasiHttp(Engine engine, LockedComponent c) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(c.source());
    } catch (IOException e) {
      throw new ComponentException(
          "component \"" + c.id() + "\": cannot read " + c.source() + ": " + e.getMessage(), e);
    }
    String digest = sha256(bytes);
    if (!digest.equals(c.sha256())) {
      throw new ComponentException(
          "component \""
              + c.id()
              + "\": "
              + c.source().getFileName()
              + " changed since the app was locked (sha256 "
              + digest
              + ", locked "
              + c.sha256()
              + "); lock the app again");
    }
    try {
      return LoadedComponent.load(
          "component \"" + c.id() + "\" (" + c.source().getFileName() + ")",
          bytes,
          SpinHost.linker(),
          engine.cache().orElse(null));
    } catch (ComponentException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ComponentException(
          "component \"" + c.id() + "\" could not be loaded: " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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

  /** The prepared component a WAGI route runs. */
  Component component(LockedRoute route) {
    return byRoute.get(route);
  }

  /** The loaded component a wasi:http route runs. */
  LoadedComponent wasiHttp(LockedRoute route) {
    return wasiByRoute.get(route);
  }

  /**
   * The directories a wasi:http component's guest sees, read-only: its files' private copy at
   * {@code /} (each at its guest path under it), or none.
   */
  /** A store for one request of wasi:http component {@code c}: WASI, and what Spin grants it. */
  Store newStore(LockedComponent c, java.io.OutputStream stdout, java.io.OutputStream stderr) {
    return ComponentHost.newStore(ComponentRun.environment(c), mounts(c), stdout, stderr)
        .attach(SpinContext.class, new SpinContext(grants.get(c.id())))
        .attach(OutboundHttp.class, outbound.get(c.id()));
  }

  Map<String, Path> mounts(LockedComponent c) {
    GuestFiles files = wasiFiles.get(c.id());
    return files == null ? Map.of() : Map.of("/", files.root());
  }

  Engine engine() {
    return engine;
  }

  /**
   * Builds one instance of every component without running it.
   *
   * @throws dev.wasmlet.engine.GuestFailed when one cannot be built
   */
  public void instantiateAll() {
    components.values().forEach(Component::instantiate);
    for (Map.Entry<String, LoadedComponent> e : wasiHttp.entrySet()) {
      LockedComponent c = app.components().get(e.getKey());
      Store store =
          newStore(
              c, java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream());
      try (GuestDeadline d = engine.arm(c.limits().timeout());
          ComponentInstance i = e.getValue().instantiate(store, ComponentRun.pages(c))) {
        // built and released: the first instance also records each core module's memory image
      } catch (RuntimeException | StackOverflowError x) {
        throw new GuestFailed(
            GuestFailed.Kind.TRAP,
            "component \"" + c.id() + "\" cannot be instantiated: " + x.getMessage(),
            x);
      }
    }
  }

  LockedComponent locked(String id) {
    return app.components().get(id);
  }

  @Override
  public void close() {
    components.values().forEach(Component::close);
    wasiFiles.values().forEach(GuestFiles::close);
  }
}
