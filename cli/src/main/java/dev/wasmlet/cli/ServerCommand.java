package dev.wasmlet.cli;

import dev.wasmlet.client.DataDirs;
import dev.wasmlet.control.ControlException;
import dev.wasmlet.control.ServerConfig;
import dev.wasmlet.control.WasmletServer;
import dev.wasmlet.engine.EngineVersion;
import dev.wasmlet.gateway.GatewayConfig;
import dev.wasmlet.kube.ExecutorDirectory;
import dev.wasmlet.kube.ExecutorLease;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.SigningException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wasmlet server}: the control plane and gateway for many apps, state in a data dir. */
@Command(
    mixinStandardHelpOptions = true,
    name = "server",
    description =
        "Run the Wasmlet server: an app gateway for every deployed app and an admin API, with"
            + " state kept in a data directory.")
final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Data directory (default: $WASMLET_DATA, else $XDG_DATA_HOME/wasmlet, else"
              + " ~/.local/share/wasmlet).")
  Optional<Path> data;

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1:8080",
      converter = Listen.Converter.class,
      description = "Address of the app gateway (default: ${DEFAULT-VALUE}).")
  Listen listen;

  @Option(
      names = "--admin-listen",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1:7070",
      converter = Listen.Converter.class,
      description = "Address of the admin API (default: ${DEFAULT-VALUE}; keep it private).")
  Listen adminListen;

  @Option(
      names = "--admin-tls-cert",
      paramLabel = "FILE",
      description =
          "Serve the admin API over HTTPS with this PEM certificate chain (the server's first);"
              + " needs --admin-tls-key. Clients trust it as any HTTPS server, or through"
              + " WASMLET_CACERT for a private CA or a self-signed certificate.")
  Optional<Path> adminTlsCert;

  @Option(
      names = "--admin-tls-key",
      paramLabel = "FILE",
      description = "The PKCS#8 PEM private key of --admin-tls-cert.")
  Optional<Path> adminTlsKey;

  @Option(
      names = "--max-upload",
      paramLabel = "BYTES",
      defaultValue = "67108864",
      description = "Largest file one upload may carry (default: ${DEFAULT-VALUE}).")
  long maxUpload;

  @Option(
      names = "--history",
      paramLabel = "N",
      defaultValue = "10",
      description = "Revisions kept per app (default: ${DEFAULT-VALUE}).")
  int history;

  @Option(
      names = "--probe-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How often health routes are probed (default: ${DEFAULT-VALUE}).")
  Duration probeInterval;

  @Option(
      names = "--drain-grace",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How long a replaced revision's in-flight requests may run (default: ${DEFAULT-VALUE}).")
  Duration drainGrace;

  @Mixin GatewayOptions gatewayOptions;

  @Mixin ClusterOptions clusterOptions;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Supply-chain policy (TOML or JSON, as for wasmlet verify): every deploy, and every"
              + " revision about to serve (at restart too), must pass it, or it is refused and"
              + " the refusal recorded. Without it nothing is checked.")
  Optional<Path> policy;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<ExecutorLease> lease = new AtomicReference<>();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (history < 1) {
      throw new CliFailure(ExitCodes.USAGE, "--history must be at least 1", null);
    }
    clusterOptions.check();
    GatewayConfig gateway = gatewayOptions.config(listen, spec.commandLine().getErr());
    Path dir = data.orElseGet(DataDirs::defaultDataDir);
    Optional<Policy> rules;
    try {
      rules = policy.map(Policy::read);
    } catch (SigningException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
    ServerConfig config =
        ServerConfig.builder()
            .withDataDir(dir)
            .withGateway(gateway)
            .withAdminListen(adminListen.host(), adminListen.port())
            .withMaxUpload(maxUpload)
            .withHistory(history)
            .withProbeInterval(probeInterval)
            .withDrainGrace(drainGrace)
            .withSecretKey(Optional.ofNullable(System.getenv("WASMLET_SECRET_KEY")))
            .withPolicy(rules)
            .withAdminTls(adminTls())
            .withClusterToken(() -> Optional.ofNullable(lease.get()).flatMap(ExecutorLease::token))
            .build();
    if (config.adminTls().isEmpty()) {
      exposureWarning(adminListen.host(), adminListen.port())
          .ifPresent(spec.commandLine().getErr()::println);
    }
    WasmletServer server;
    try {
      server = WasmletServer.start(config);
    } catch (ControlException e) {
      throw new CliFailure(ExitCodes.CANNOT_SERVE, e.getMessage(), e);
    }
    out.printf(
        "Wasmlet %s server: apps on http://%s:%d, admin API on %s://%s:%d, data in %s%n",
        EngineVersion.wasmlet(),
        listen.host(),
        server.gatewayPort(),
        config.adminTls().isPresent() ? "https" : "http",
        adminListen.host(),
        server.adminPort(),
        dir.toAbsolutePath());
    if (rules.isPresent()) {
      Policy p = rules.get();
      out.printf(
          "supply-chain policy %s: %d trusted keys, provenance %s, unsigned local deploys %s%n",
          policy.get(),
          p.trustedKeys().size(),
          p.requireProvenance() ? "required" : "not required",
          p.allowUnsignedLocal() ? "allowed" : "refused");
    } else {
      out.println(
          "no supply-chain policy (--policy): deploys are not checked for signatures or"
              + " provenance");
    }
    if (clusterOptions.cluster) {
      register(server, config, out);
    }
    if (server.initialToken().isPresent()) {
      out.println("admin token (shown once; also in " + server.tokenFile() + ", mode 0600):");
      out.println("  " + server.initialToken().get());
    }
    out.flush();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ExecutorLease l = lease.getAndSet(null);
                  if (l != null) {
                    l.close(); // first: the operator moves this executor's apps now
                  }
                  out.println("stopping: draining in-flight requests...");
                  out.flush();
                  server.close();
                  out.println("stopped");
                  out.flush();
                  stopped.countDown();
                },
                "wasmlet-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** Takes the executor's Lease; a server that cannot register stops rather than serve unseen. */
  private void register(WasmletServer server, ServerConfig config, PrintWriter out) {
    try {
      KubernetesClient client = clusterOptions.client();
      ExecutorLease l =
          clusterOptions.register(
              client,
              listen.host(),
              server.gatewayPort(),
              config.adminTls().isPresent() ? "https" : "http",
              adminListen.host(),
              server.adminPort(),
              w -> {
                spec.commandLine().getErr().println("warning: " + w);
                spec.commandLine().getErr().flush();
              });
      lease.set(l);
      out.printf(
          "executor %s: Lease %s/%s, admin token from Secret %s/%s%n",
          clusterOptions.executorName(),
          clusterOptions.namespace,
          l.leaseName(),
          clusterOptions.namespace,
          ExecutorDirectory.TOKEN_SECRET);
    } catch (CliFailure e) {
      server.close();
      throw e;
    }
  }

  private Optional<ServerConfig.AdminTls> adminTls() {
    if (adminTlsCert.isPresent() != adminTlsKey.isPresent()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "give both --admin-tls-cert and --admin-tls-key, or neither (plain HTTP on loopback)",
          null);
    }
    return adminTlsCert.map(cert -> new ServerConfig.AdminTls(cert, adminTlsKey.orElseThrow()));
  }

  /** A warning when the admin API would listen beyond this machine, over plain HTTP. */
  static Optional<String> exposureWarning(String host, int port) {
    if (loopback(host)) {
      return Optional.empty();
    }
    return Optional.of(
        "warning: the admin API listens on "
            + host
            + ":"
            + port
            + " over plain HTTP: bearer tokens and secret values cross the network unencrypted."
            + " Give it a certificate (--admin-tls-cert, --admin-tls-key), or keep it on"
            + " 127.0.0.1 and reach it through an SSH tunnel.");
  }

  private static boolean loopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return java.net.InetAddress.getByName(host.replace("[", "").replace("]", ""))
          .isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
