package dev.wasmlet.cli;

import dev.wasmlet.engine.EngineVersion;
import dev.wasmlet.kube.ClusterUnusable;
import dev.wasmlet.kube.Kube;
import dev.wasmlet.kube.WasmletOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wasmlet operator}: places WasmApps on the cluster's executors and keeps them there. */
@Command(
    mixinStandardHelpOptions = true,
    name = "operator",
    description =
        "Run the Kubernetes operator: for every WasmApp (wasmapps.wasmlet.dev), pin its source to a"
            + " digest, check it against its policy, place its replicas on the executors"
            + " (`wasmlet server --cluster`), deploy it through their admin APIs, and keep its"
            + " Service's EndpointSlices on the executors that serve it. Several may run; one"
            + " leads.")
final class OperatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "The kubeconfig to use (default: as kubectl finds one, or the pod's service account).")
  Optional<Path> kubeconfig;

  @Option(
      names = "--executor-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "wasmlet-system",
      description =
          "Where the executors' Leases, their token Secret and the leader-election Lease live"
              + " (default: ${DEFAULT-VALUE}).")
  String executorNamespace;

  @Option(
      names = "--identity",
      paramLabel = "NAME",
      description =
          "This replica's name in the leader Lease (default: $POD_NAME, else the host name and PID).")
  Optional<String> identity;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Where pulled artifacts are kept (default: a new temporary directory).")
  Optional<Path> cacheDir;

  @Option(
      names = "--insecure",
      description =
          "Pull from registries on this machine (localhost, 127.0.0.1, ::1) over plain HTTP;"
              + " others always need HTTPS.")
  boolean insecure;

  @Option(
      names = "--resync",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "How often a settled WasmApp is looked at again, so an executor whose Lease expired"
              + " loses its replicas (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(
      names = "--leader-lease",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description =
          "How long the leader's Lease holds unrenewed, so how long a standby waits before it takes"
              + " over from a leader that died (default: ${DEFAULT-VALUE}, as Kubernetes' own"
              + " controllers).")
  Duration leaderLease;

  @Option(
      names = "--stats-interval",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "How often to print how many reconciles ran and how long they took (default:"
              + " ${DEFAULT-VALUE}; nothing when there were none).")
  Duration statsInterval;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (leaderLease.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--leader-lease "
              + leaderLease.toMillis()
              + "ms is too short: the leader renews within two thirds of it, so give it at least"
              + " 2s (15s is usual)",
          null);
    }
    Path cache =
        cacheDir.isPresent() ? cacheDir.get() : Files.createTempDirectory("wasmlet-operator");
    KubernetesClient client;
    WasmletOperator operator;
    String me =
        identity
            .or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
            .orElseGet(OperatorCommand::defaultIdentity);
    try {
      client = Kube.client(kubeconfig);
      operator =
          WasmletOperator.start(
              client,
              new WasmletOperator.Settings(
                  executorNamespace,
                  me,
                  cache,
                  insecure,
                  resync,
                  leaderLease,
                  () -> {
                    out.printf("operator %s leads: reconciling WasmApps%n", me);
                    out.flush();
                  },
                  statsInterval,
                  line -> {
                    out.println(line);
                    out.flush();
                  }));
    } catch (ClusterUnusable e) {
      throw new CliFailure(ExitCodes.CANNOT_SERVE, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CliFailure(
          ExitCodes.CANNOT_SERVE,
          "the operator cannot start: "
              + e.getMessage()
              + " (is the WasmApp CRD applied, and may this account list wasmapps in every"
              + " namespace and take Leases in "
              + executorNamespace
              + "?)",
          e);
    }
    out.printf(
        "Wasmlet %s operator %s: WasmApps in all namespaces, executors in %s, leader Lease %s/%s%n",
        EngineVersion.wasmlet(),
        me,
        executorNamespace,
        executorNamespace,
        WasmletOperator.LEADER_LEASE);
    out.flush();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "wasmlet-operator-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  private static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "operator";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
