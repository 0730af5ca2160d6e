package dev.wasmlet.cli;

import dev.wasmlet.kube.ClusterUnusable;
import dev.wasmlet.kube.ExecutorDirectory;
import dev.wasmlet.kube.ExecutorLease;
import dev.wasmlet.kube.Kube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code wasmlet server --cluster}: the server registers itself as an executor that the operator
 * places WasmApps on, with a Lease in the executors' namespace, and accepts the executors' shared
 * admin token from their Secret.
 */
final class ClusterOptions {
  private static final String NAME = "[a-z0-9]([a-z0-9-]{0,44}[a-z0-9])?";

  @Option(
      names = "--cluster",
      description =
          "Register as an executor of a Kubernetes cluster (kubeconfig as kubectl finds it, or"
              + " the pod's service account) for `wasmlet operator` to place WasmApps on.")
  boolean cluster;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "With --cluster: the kubeconfig to use (default: as kubectl finds one).")
  Optional<Path> kubeconfig;

  @Option(
      names = "--executor-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "wasmlet-system",
      description =
          "With --cluster: where the executors' Leases and their token Secret ("
              + ExecutorDirectory.TOKEN_SECRET
              + ", key "
              + ExecutorDirectory.TOKEN_KEY
              + ") live (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--executor-name",
      paramLabel = "NAME",
      description =
          "With --cluster: this executor's name, unique among live executors (default: $POD_NAME,"
              + " else the host name).")
  Optional<String> name;

  @Option(
      names = "--advertise-host",
      paramLabel = "HOST",
      description =
          "With --cluster: the address others reach this executor's gateway at, an IP (or a"
              + " DNS name) for the EndpointSlices, and its admin API too when --admin-listen is"
              + " 0.0.0.0 or :: (default: --listen's host, or this host's address when that is"
              + " 0.0.0.0 or ::).")
  Optional<String> advertiseHost;

  @Option(
      names = "--lease-duration",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description =
          "With --cluster: how long the executor's Lease holds without renewal (renewed every"
              + " third of it; default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(
      names = "--capacity",
      paramLabel = "APPS",
      defaultValue = "100",
      description =
          "With --cluster: the most apps the operator places here (default: ${DEFAULT-VALUE}).")
  int capacity;

  /** Checks the options before anything starts; a mistake is a usage error. */
  void check() {
    if (!cluster) {
      if (kubeconfig.isPresent() || name.isPresent() || advertiseHost.isPresent()) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--kubeconfig, --executor-name and --advertise-host need --cluster",
            null);
      }
      return;
    }
    if (!executorName().matches(NAME)) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "executor name \""
              + executorName()
              + "\" must be lowercase letters, digits and '-' (at most 46, starting and ending"
              + " with a letter or digit); give one with --executor-name",
          null);
    }
    if (capacity < 1) {
      throw new CliFailure(ExitCodes.USAGE, "--capacity must be at least 1", null);
    }
    if (leaseDuration.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new CliFailure(ExitCodes.USAGE, "--lease-duration must be at least 3s", null);
    }
  }

  String executorName() {
    return name.or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
        .orElseGet(ClusterOptions::hostName)
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceFirst("\\..*", "");
    } catch (UnknownHostException e) {
      return "executor";
    }
  }

  /** A client for the cluster, or a failure that says why none can be had. */
  KubernetesClient client() {
    try {
      return Kube.client(kubeconfig);
    } catch (ClusterUnusable e) {
      throw new CliFailure(ExitCodes.CANNOT_SERVE, e.getMessage(), e);
    }
  }

  /** Takes the executor's Lease for a server listening on these ports. */
  ExecutorLease register(
      KubernetesClient client,
      String listenHost,
      int gatewayPort,
      String adminScheme,
      String adminHost,
      int adminPort,
      Consumer<String> warnings) {
    String host = advertiseHost.orElseGet(() -> advertised(listenHost));
    // The admin API at its own address when it listens on one (a private interface), else at
    // the advertised one.
    String admin = wildcard(adminHost) ? host : adminHost;
    String literal = admin.contains(":") ? "[" + admin + "]" : admin;
    try {
      return ExecutorLease.start(
          client,
          namespace,
          new ExecutorLease.Advertised(
              executorName(),
              URI.create(adminScheme + "://" + literal + ":" + adminPort),
              host,
              gatewayPort,
              capacity),
          leaseDuration,
          warnings);
    } catch (ClusterUnusable e) {
      throw new CliFailure(ExitCodes.CANNOT_SERVE, e.getMessage(), e);
    }
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::");
  }

  private static String advertised(String listenHost) {
    if (!wildcard(listenHost)) {
      return listenHost;
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "cannot find this host's address to advertise; give one with --advertise-host",
          e);
    }
  }
}
