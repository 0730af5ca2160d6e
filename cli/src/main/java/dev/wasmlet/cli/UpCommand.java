package dev.wasmlet.cli;

import dev.wasmlet.app.AppException;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.EngineVersion;
import dev.wasmlet.gateway.Gateway;
import dev.wasmlet.gateway.GatewayConfig;
import dev.wasmlet.gateway.GatewayException;
import dev.wasmlet.gateway.ServedApp;
import dev.wasmlet.spin.AppData;
import dev.wasmlet.spin.RuntimeConfig;
import dev.wasmlet.spin.RuntimeConfigInvalid;
import dev.wasmlet.trust.PulledApp;
import dev.wasmlet.trust.Reference;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmlet up}: serve one app on localhost, a fresh instance per request. */
@Command(
    mixinStandardHelpOptions = true,
    name = "up",
    description = "Serve an app (a directory with wasmlet.toml or spin.toml, or the manifest).")
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "APP",
      description = "App directory or manifest file (default: the current directory).")
  Optional<Path> app;

  @Option(
      names = {"-f", "--from"},
      paramLabel = "APP",
      description =
          "Same as the APP argument (Spin's spelling), or a registry reference"
              + " REGISTRY/REPOSITORY:TAG to pull and serve.")
  Optional<String> from;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "With --from REF: verify the artifact against this policy (signature, key, provenance,"
              + " registry) before anything runs; refuse to serve it when a check fails.")
  Optional<Path> policy;

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      defaultValue = Listen.DEFAULT,
      converter = Listen.Converter.class,
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  Listen listen;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Compiled-code cache (default: $WASMLET_CACHE_DIR, else $XDG_CACHE_HOME/wasmlet,"
              + " else ~/.cache/wasmlet).")
  Optional<Path> cacheDir;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How long stopping waits for in-flight requests (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  @Mixin GatewayOptions gatewayOptions;

  @Option(
      names = "--check",
      description =
          "Load, compile and link the app, start listening, answer one health check and, when"
              + " the app declares a health route, request it through the gateway (2xx expected),"
              + " then stop and exit 0 (validates an app in CI; warms the compile cache).")
  boolean check;

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Whether the app was pulled from a registry: its modules must then be its own files. */
  private boolean pulled;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path source = resolveSource();
    long start = System.nanoTime();
    Optional<RuntimeConfig> runtime = runtimeConfigFile.map(RuntimeConfigs::read);
    LockedApp locked;
    try {
      Map<String, String> values = variables(source, System.getenv(), runtime);
      locked = pulled ? Manifests.lockConfined(source, values) : Manifests.lock(source, values);
    } catch (AppException e) {
      throw new CliFailure(ExitCodes.INVALID_APP, e.getMessage(), e);
    }
    Path dir = dataDir.orElseGet(() -> defaultDataDir(source, locked.name()));
    AppData data = runtime.map(rc -> AppData.at(dir, rc)).orElseGet(() -> AppData.at(dir));
    runtime.ifPresent(rc -> out.println(RuntimeConfigs.describe(rc)));
    Engine engine =
        Engine.builder().withCacheDir(cacheDir.orElseGet(UpCommand::defaultCache)).build();
    ServedApp served;
    try {
      served = ServedApp.load(engine, locked, data);
    } catch (GatewayException e) {
      engine.close();
      data.close();
      throw new CliFailure(ExitCodes.INVALID_APP, e.getMessage(), e);
    }
    GatewayConfig config =
        gatewayOptions.config(listen, spec.commandLine().getErr()).withShutdownGrace(shutdownGrace);
    Gateway gateway;
    try {
      gateway = Gateway.start(served, config);
    } catch (GatewayException e) {
      served.close();
      engine.close();
      data.close();
      throw new CliFailure(ExitCodes.CANNOT_SERVE, e.getMessage(), e);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    printBanner(out, locked, gateway, engine, ms, !check);
    if (check) {
      try {
        return selfCheck(out, gateway, engine, locked.healthRoute());
      } finally {
        data.close();
      }
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stopping: draining in-flight requests...");
                  out.flush();
                  gateway.close();
                  engine.close();
                  data.close();
                  out.println("stopped");
                  out.flush();
                  stopped.countDown();
                },
                "wasmlet-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  private static int selfCheck(
      PrintWriter out, Gateway gateway, Engine engine, Optional<String> appHealth) {
    String host =
        gateway.config().host().contains(":")
            ? "[" + gateway.config().host() + "]"
            : gateway.config().host();
    String base = "http://" + host + ":" + gateway.port();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      int status = get(http, base + "/.well-known/wasmlet/health");
      if (status != 200) {
        throw new CliFailure(ExitCodes.CANNOT_SERVE, "health check answered " + status, null);
      }
      if (appHealth.isPresent()) {
        int app = get(http, base + appHealth.get());
        if (app < 200 || app > 299) {
          throw new CliFailure(
              ExitCodes.CANNOT_SERVE,
              "the app's health route " + appHealth.get() + " answered " + app + ", not 2xx",
              null);
        }
        out.println("GET " + appHealth.get() + " -> " + app);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.CANNOT_SERVE, "health check failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.CANNOT_SERVE, "interrupted during the health check", e);
    } finally {
      gateway.close();
      engine.close();
    }
    out.println("check passed");
    out.flush();
    return ExitCodes.OK;
  }

  private static int get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Path resolveSource() {
    if (app.isPresent() && from.isPresent()) {
      throw new CliFailure(
          ExitCodes.USAGE, "give the app either as an argument or with --from, not both", null);
    }
    String given = from.orElse(app.map(Path::toString).orElse("."));
    if (!Files.exists(Path.of(given)) && Reference.looksLikeReference(given)) {
      Reference ref = registry.reference(given);
      if (policy.isPresent()) {
        // pull exactly the digest that was verified: a tag moved in between must not slip past
        ref =
            ref.withDigest(
                VerifyCommand.check(registry, ref, policy.get(), spec.commandLine().getOut())
                    .artifactDigest());
      }
      PulledApp app = PullCommand.pull(registry, ref);
      spec.commandLine().getOut().printf("pulled %s into %s%n", app.reference(), app.directory());
      pulled = true;
      return app.directory();
    }
    if (policy.isPresent()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--policy checks artifacts from a registry; give --from REGISTRY/REPOSITORY:TAG",
          null);
    }
    if (given.contains("://") || (given.contains(":") && !Files.exists(Path.of(given)))) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "'"
              + given
              + "' is neither an app directory nor a registry reference; point --from at an app"
              + " directory or manifest file, or at REGISTRY/REPOSITORY:TAG",
          null);
    }
    return Path.of(given);
  }

  private static void printBanner(
      PrintWriter out, LockedApp app, Gateway gateway, Engine engine, long ms, boolean serving) {
    String host = gateway.config().host();
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + gateway.port();
    out.printf(
        "Wasmlet %s (Chicory %s) serving app \"%s\" in %d ms (%d modules compiled, %d from cache)%n",
        EngineVersion.wasmlet(),
        EngineVersion.chicory(),
        app.name(),
        ms,
        engine.stats().compilations(),
        engine.stats().cacheHits());
    for (LockedRoute r : app.routes()) {
      if (!r.isPrivate()) {
        out.printf("  %s%s -> %s%n", base, r.route(), r.componentId());
      }
    }
    out.printf("  health: %s/.well-known/wasmlet/health%n", base);
    if (serving) {
      out.println("Press Ctrl-C to stop.");
    }
    out.flush();
  }

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the app's key-value stores and SQLite databases live, kept across runs"
              + " (default: .wasmlet/data beside the manifest; for an app pulled with --from,"
              + " $XDG_STATE_HOME/wasmlet/apps/NAME, else ~/.local/state/wasmlet/apps/NAME).")
  Optional<Path> dataDir;

  private Path defaultDataDir(Path source, String appName) {
    if (!pulled) {
      return localDataDir(source);
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path state =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg, "wasmlet")
            : Path.of(System.getProperty("user.home"), ".local", "state", "wasmlet");
    return state.resolve("apps").resolve(appName);
  }

  @Option(
      names = "--runtime-config-file",
      paramLabel = "FILE",
      description =
          "Spin's runtime config file: [[variables_provider]] of type env or static (asked"
              + " before the environment), and [key_value_store.LABEL] / [sqlite_database.LABEL]"
              + " of type spin, whose path places that store's SQLite file (no path: in memory)."
              + " Anything Wasmlet does not serve is refused at startup.")
  Optional<Path> runtimeConfigFile;

  /** The data directory of a local app: {@code .wasmlet/data} beside its manifest. */
  static Path localDataDir(Path source) {
    return Manifests.find(source).toAbsolutePath().getParent().resolve(".wasmlet").resolve("data");
  }

  /**
   * Values for the app's variables, as {@code spin up} takes them: the runtime config's providers
   * first, in their order, then the environment ({@link #variablesFromEnvironment}).
   */
  static Map<String, String> variables(
      Path source, Map<String, String> env, Optional<RuntimeConfig> runtime) {
    Map<String, String> out = variablesFromEnvironment(source, env);
    if (runtime.isPresent()) {
      try {
        out.putAll(runtime.get().variables(declared(source), env));
      } catch (RuntimeConfigInvalid e) { // a bad dotenv file, found when a value is looked up
        throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
      }
    }
    return out;
  }

  private static java.util.Set<String> declared(Path source) {
    try {
      return Manifests.parse(source).variables().keySet();
    } catch (AppException e) {
      return java.util.Set.of(); // locking reports what is wrong with the manifest
    }
  }

  /**
   * Values for the app's variables from the environment, as {@code spin up} takes them: {@code
   * SPIN_VARIABLE_NAME} and {@code WASMLET_VARIABLE_NAME} (which wins) for variable {@code name};
   * only variables the manifest declares are taken, so unrelated environment never reaches the app.
   */
  static Map<String, String> variablesFromEnvironment(Path source, Map<String, String> env) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    java.util.Set<String> declared = declared(source);
    for (String prefix : List.of("SPIN_VARIABLE_", "WASMLET_VARIABLE_")) {
      env.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              String name = k.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT);
              if (declared.contains(name)) {
                out.put(name, v);
              }
            }
          });
    }
    return out;
  }

  static Path defaultCache() {
    String env = System.getenv("WASMLET_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "wasmlet");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "wasmlet");
  }
}
