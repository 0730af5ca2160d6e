package dev.wasmlet.control;

import dev.wasmlet.engine.Engine;
import dev.wasmlet.gateway.AppTable;
import dev.wasmlet.gateway.Gateway;
import dev.wasmlet.spin.AppDataRoot;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasmlet server}: one process with the app gateway for every app and a separate admin
 * listener, its state in the data directory. Starting it recovers every app on its committed
 * revisions and traffic split before the admin API reports ready.
 */
public final class WasmletServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.server");

  /** The admin token file in the data directory (0600). */
  public static final String TOKEN_FILE = "admin.token";

  private final ServerConfig config;
  private final Store store;
  private final Engine engine;
  private final Control control;
  private final Gateway gateway;
  private final WebServer admin;
  private final Optional<String> initialToken;
  private final Thread prober;
  private final AppDataRoot appData;

  private WasmletServer(
      ServerConfig config,
      Store store,
      Engine engine,
      Control control,
      Gateway gateway,
      WebServer admin,
      Optional<String> initialToken,
      Thread prober,
      AppDataRoot appData) {
    this.config = config;
    this.store = store;
    this.engine = engine;
    this.control = control;
    this.gateway = gateway;
    this.admin = admin;
    this.initialToken = initialToken;
    this.prober = prober;
    this.appData = appData;
  }

  /**
   * Opens the data directory, recovers its apps and starts both listeners.
   *
   * @throws ControlException when the data directory or a listener cannot be used
   */
  public static WasmletServer start(ServerConfig config) {
    Path data = config.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(data);
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new ControlException("cannot use the data directory " + data + ": " + e, e);
    }
    Store store = Store.open(data.resolve("state.db"));
    Engine engine = null;
    AppDataRoot appData = null;
    Gateway gateway = null;
    try {
      Tokens tokens = new Tokens(store);
      Optional<String> initial = Optional.empty();
      if (tokens.isEmpty()) {
        Tokens.Created t = tokens.create("admin");
        PrivateFiles.write(data.resolve(TOKEN_FILE), t.token() + "\n");
        initial = Optional.of(t.token());
      }
      SecretBox box = SecretBox.load(config.secretKey(), data.resolve("secret.key"));
      BlobStore blobs = new BlobStore(data);
      engine = Engine.builder().withCacheDir(data.resolve("cache")).build();
      AppLogs logs = new AppLogs();
      Metrics metrics = new Metrics(logs);
      AppStore apps = new AppStore(store);
      VariableStore variables = new VariableStore(store, box);
      appData = new AppDataRoot(data.resolve("app-data"));
      Revisions revisions =
          new Revisions(new Workspace(data, blobs), blobs, variables, engine, appData);
      AppTable table = new AppTable();
      Control control =
          new Control(
              config,
              apps,
              variables,
              revisions,
              table,
              metrics,
              logs,
              new SupplyChain(config.policy()));
      // Known apps answer 503 (Retry-After) rather than 404 while their revisions load.
      control.registerCommittedApps();
      gateway = Gateway.start(table, config.gateway(), metrics);
      AdminApi api = new AdminApi(control, tokens, blobs, config);
      HttpRouting.Builder routing = HttpRouting.builder();
      api.routes(routing);
      WebServer admin =
          WebServer.builder()
              .host(config.adminHost())
              .port(config.adminPort())
              .shutdownHook(false)
              .routing(routing)
              .update(b -> config.adminTls().ifPresent(files -> b.tls(AdminTlsFiles.load(files))))
              .build();
      try {
        admin.start();
        if (!admin.isRunning() || admin.port() <= 0) {
          throw new IllegalStateException("the listener did not start (address in use?)");
        }
      } catch (RuntimeException e) {
        throw new ControlException(
            "cannot listen on "
                + config.adminHost()
                + ":"
                + config.adminPort()
                + " for the admin API: "
                + e.getMessage()
                + "; pick another with --admin-listen",
            e);
      }
      api.addresses(
          address(config.gateway().host(), gateway.port()),
          address(config.adminHost(), admin.port()));
      control.recover();
      new BlobCollector(apps, blobs).collect(Duration.ofHours(1));
      Thread prober =
          Thread.ofPlatform()
              .daemon()
              .name("wasmlet-health")
              .start(() -> probeLoop(control, config.probeInterval()));
      return new WasmletServer(
          config, store, engine, control, gateway, admin, initial, prober, appData);
    } catch (IOException | RuntimeException e) {
      if (gateway != null) {
        gateway.close();
      }
      if (engine != null) {
        engine.close();
      }
      if (appData != null) {
        appData.close();
      }
      store.close();
      if (e instanceof ControlException c) {
        throw c;
      }
      throw new ControlException("cannot start the server: " + e.getMessage(), e);
    }
  }

  private static void probeLoop(Control control, Duration interval) {
    while (!control.closing()) {
      LockSupport.parkNanos(interval.toNanos());
      if (Thread.interrupted() || control.closing()) {
        return;
      }
      try {
        control.probeAll();
      } catch (RuntimeException e) {
        LOG.error("health probes failed", e);
      }
    }
  }

  private static String address(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public int gatewayPort() {
    return gateway.port();
  }

  public int adminPort() {
    return admin.port();
  }

  public ServerConfig config() {
    return config;
  }

  /** The admin token created by this start, when the data directory had none. */
  public Optional<String> initialToken() {
    return initialToken;
  }

  public Path tokenFile() {
    return config.dataDir().toAbsolutePath().resolve(TOKEN_FILE);
  }

  /** Stops the admin API, drains the gateway, and closes the store. */
  @Override
  public void close() {
    control.close();
    prober.interrupt();
    admin.stop();
    gateway.stop();
    engine.close();
    appData.close();
    store.close();
  }
}
