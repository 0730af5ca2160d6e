package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wasmlet.kube.WasmApp;
import dev.wasmlet.kube.WasmAppSpec;
import dev.wasmlet.testing.ControlPlane;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import dev.wasmlet.testing.Tools;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator at scale, a benchmark and not a test (its name ends neither in Test nor IT, so no
 * build runs it): WasmApp apply to first 200 against a direct admin-API deploy (the baseline, same
 * run), then N WasmApps (default 1,000, {@code -Dbench.apps}) over three executors: time to all
 * Ready, the operator's heap and CPU while settled, executor memory per app. Run by {@code
 * bench/operator.sh}; prints a Markdown report and writes it to {@code
 * cli/target/operator-bench.md}.
 */
class OperatorScaleBench {
  private static final String EXECUTORS = "wasmlet-system";
  private static final int APPS = Integer.getInteger("bench.apps", 1000);
  private static final int SAMPLES = 10;
  private static final Duration RESYNC = Duration.ofSeconds(5);
  private static final Duration STATS = Duration.ofSeconds(10);

  @TempDir Path tmp;
  private final List<String> report = new ArrayList<>();

  @Test
  void operatorAtScale() throws Exception {
    Path crd = Tools.root().resolve("deploy/crd/wasmapps.wasmlet.dev.yaml");
    try (ControlPlane cp = ControlPlane.start(tmp.resolve("cp"), List.of(crd));
        LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cp.kubeconfig())))
                .build()) {
      Path deploy = Tools.root().resolve("deploy");
      for (String m : List.of("namespace.yaml", "rbac/operator.yaml", "rbac/executor.yaml")) {
        cp.kubectl().run("apply", "-f", deploy.resolve(m).toString());
      }
      byte[] raw = new byte[24];
      new SecureRandom().nextBytes(raw);
      cp.kubectl()
          .run(
              "create",
              "secret",
              "generic",
              "wasmlet-executor-token",
              "-n",
              EXECUTORS,
              "--from-literal=token=" + HexFormat.of().formatHex(raw));
      Path app = TestApps.marker(tmp.resolve("apps"), "v1");
      String ref = registry.address() + "/apps/marker:v1";
      CliRun push = CliRun.of("push", app.toString(), ref, "--insecure");
      assertThat(push.code()).as("%s", push).isZero();
      Path executorConfig = cp.kubeconfigFor(EXECUTORS, "wasmlet-executor");
      List<ServerNode> executors = new ArrayList<>();
      try {
        for (String name : List.of("e1", "e2", "e3")) {
          executors.add(
              ServerNode.start(
                  tmp.resolve("executor-" + name),
                  ServerNode.newOutput(),
                  List.of("-Xmx1g"),
                  List.of(
                      "--cluster",
                      "--kubeconfig",
                      executorConfig.toString(),
                      "--executor-namespace",
                      EXECUTORS,
                      "--executor-name",
                      name,
                      "--advertise-host",
                      name + ".localhost",
                      "--capacity",
                      Integer.toString(APPS))));
        }
        try (OperatorProcess op =
            OperatorProcess.start(
                "bench",
                cp.kubeconfigFor(EXECUTORS, "wasmlet-operator"),
                List.of("-XX:+UseSerialGC", "-Xmx512m"),
                "--executor-namespace",
                EXECUTORS,
                "--insecure",
                "--resync",
                RESYNC.toSeconds() + "s",
                "--stats-interval",
                STATS.toSeconds() + "s",
                "--cache-dir",
                tmp.resolve("operator-cache").toString())) {
          await().atMost(Duration.ofSeconds(60)).until(op::leads);
          line(
              "machine: %s, %d cores; %s",
              cpuModel(),
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
          try {
            firstRequest(client, executors, ref, app);
            atScale(client, executors, op, ref);
          } catch (Exception | AssertionError e) {
            System.err.println("operator output:\n  " + String.join("\n  ", op.output()));
            throw e;
          }
        }
      } finally {
        for (ServerNode e : executors) {
          e.close(); // before the API server stops, so each deletes its Lease
        }
      }
    }
    String text = String.join("\n", report) + "\n";
    System.out.print(text);
    Files.writeString(Path.of("target", "operator-bench.md"), text);
  }

  /** Apply to first 200 through the operator, against deploying to an executor directly. */
  private void firstRequest(
      KubernetesClient client, List<ServerNode> executors, String ref, Path appDir)
      throws Exception {
    client.namespaces().resource(namespace("first")).create();
    create(client, "first", "warm-up", ref, 1);
    firstAnswer(executors, "warm-up.first.svc.cluster.local");
    long[] viaOperator = new long[SAMPLES];
    long[] direct = new long[SAMPLES];
    TestAdmin admin = executors.get(0).admin();
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      create(client, "first", "app-" + i, ref, 1);
      firstAnswer(executors, "app-" + i + ".first.svc.cluster.local");
      viaOperator[i] = (System.nanoTime() - t0) / 1_000;

      String host = "direct-" + i + ".example";
      long t1 = System.nanoTime();
      admin.deploy(
          "direct-" + i, appDir, "{\"routing\":{\"hosts\":[\"" + host + "\"],\"prefix\":\"/\"}}");
      firstAnswer(List.of(executors.get(0)), host);
      direct[i] = (System.nanoTime() - t1) / 1_000;
    }
    Arrays.sort(viaOperator);
    Arrays.sort(direct);
    line("");
    line("### WasmApp apply to first 200 (%d apps, one replica, one after another)", SAMPLES);
    line("");
    line("| path | p50 | max |");
    line("|---|---|---|");
    line(
        "| admin API deploy to one executor (baseline) | %.1f ms | %.1f ms |",
        direct[SAMPLES / 2] / 1e3, direct[SAMPLES - 1] / 1e3);
    line(
        "| WasmApp create through the operator | %.1f ms | %.1f ms |",
        viaOperator[SAMPLES / 2] / 1e3, viaOperator[SAMPLES - 1] / 1e3);
  }

  private void atScale(
      KubernetesClient client, List<ServerNode> executors, OperatorProcess op, String ref)
      throws Exception {
    long[] rssBefore = new long[executors.size()];
    long[] heapBefore = new long[executors.size()];
    for (int i = 0; i < executors.size(); i++) {
      heapBefore[i] = heapUsedKib(executors.get(i).pid());
      rssBefore[i] = executors.get(i).rssKib();
    }
    long opHeapBefore = heapUsedKib(op.pid());
    int perNamespace = 100;
    for (int n = 0; n * perNamespace < APPS; n++) {
      client.namespaces().resource(namespace("scale-" + n)).create();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < APPS; i++) {
      create(client, "scale-" + (i / perNamespace), "app-" + i, ref, 1);
    }
    long createdMs = (System.nanoTime() - t0) / 1_000_000;
    long[] milestones = new long[4]; // ms to 10, 50, 90, 100 % Ready
    int[] percents = {10, 50, 90, 100};
    int reached = 0;
    while (reached < percents.length) {
      long n = ready(client) - SAMPLES - 1;
      while (reached < percents.length && n * 100 >= (long) APPS * percents[reached]) {
        milestones[reached++] = (System.nanoTime() - t0) / 1_000_000;
      }
      assertThat(System.nanoTime() - t0)
          .as("all Ready within 30 min")
          .isLessThan(1_800_000_000_000L);
      Thread.sleep(1_000);
    }
    int rampLines = op.output().size();
    Thread.sleep(20_000); // settled: only resyncs and health probes run now
    long cpu0 = cpuTicks(op.pid());
    long[] execCpu0 = executors.stream().mapToLong(e -> cpuTicks(e.pid())).toArray();
    int settledFrom = op.output().size();
    long w0 = System.nanoTime();
    Thread.sleep(30_000);
    double wall = (System.nanoTime() - w0) / 1e9;
    List<String> rampStats = stats(op.output().subList(0, rampLines));
    List<String> settledStats = stats(op.output().subList(settledFrom, op.output().size()));
    double opCpu = (cpuTicks(op.pid()) - cpu0) / 100.0;
    double execCpu = 0;
    for (int i = 0; i < executors.size(); i++) {
      execCpu += (cpuTicks(executors.get(i).pid()) - execCpu0[i]) / 100.0;
    }
    long opHeap = heapUsedKib(op.pid());
    long opRss = rssKib(op.pid());
    long heapDelta = 0;
    long rssDelta = 0;
    for (int i = 0; i < executors.size(); i++) {
      heapDelta += heapUsedKib(executors.get(i).pid()) - heapBefore[i];
      rssDelta += executors.get(i).rssKib() - rssBefore[i];
    }
    double reconcilesPerSecond = rate(settledStats);
    long routed = routed(client);
    assertThat(routed).as("WasmApps with a Service (cluster IP) and a slice").isEqualTo(APPS);
    line("");
    line(
        "### %,d WasmApps over 3 executors (one replica each, resync %ds)",
        APPS, RESYNC.toSeconds());
    line("");
    line("| measure | value |");
    line("|---|---|");
    line("| create %,d WasmApps (API calls, one client) | %.1f s |", APPS, createdMs / 1e3);
    line(
        "| from the first create to 10 / 50 / 90 / 100 %% Ready and routed | %.1f / %.1f / %.1f / %.1f s |",
        milestones[0] / 1e3, milestones[1] / 1e3, milestones[2] / 1e3, milestones[3] / 1e3);
    line("| WasmApps with a Service (cluster IP) and an EndpointSlice | %,d |", routed);
    line(
        "| operator heap in use after GC, before / after | %,d KiB / %,d KiB |",
        opHeapBefore, opHeap);
    line("| operator heap per WasmApp | %.1f KiB |", (opHeap - opHeapBefore) / (double) APPS);
    line("| operator RSS settled | %,d MiB |", opRss / 1024);
    line(
        "| operator CPU settled (%.0f s) | %.2f cores, %.2f ms CPU per reconcile (%.0f reconciles/s"
            + " counted) |",
        wall, opCpu / wall, opCpu / wall / reconcilesPerSecond * 1000, reconcilesPerSecond);
    line("| executors' CPU settled, all three | %.2f cores |", execCpu / wall);
    line("");
    line("Operator's reconcile lines (every %d s) while settled:", STATS.toSeconds());
    settledStats.forEach(l -> line("    %s", l));
    line("");
    line("and the busiest while they became Ready:");
    rampStats.stream()
        .max(java.util.Comparator.comparingDouble(l -> rate(List.of(l))))
        .ifPresent(l -> line("    %s", l));
    line(
        "| executor heap per app after GC | %.1f KiB (RSS %.1f KiB) |",
        heapDelta / (double) APPS, rssDelta / (double) APPS);
  }

  /** The operator's reconcile-stats lines. */
  private static List<String> stats(List<String> output) {
    return output.stream()
        .filter(l -> l.startsWith("operator: ") && l.contains("reconciles"))
        .toList();
  }

  /** Mean reconciles per second over stats lines ("... (12.3/s) ..."). */
  private static double rate(List<String> lines) {
    return lines.stream()
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf('(') + 1, l.indexOf("/s)"))))
        .average()
        .orElse(0);
  }

  /**
   * WasmApps that executors serve and whose Service and slices are written: Ready, and not Degraded
   * (a Service the API server refused shows as Degraded EndpointsRefused while Ready stays true).
   */
  private static long ready(KubernetesClient client) {
    return client.resources(WasmApp.class).inAnyNamespace().list().getItems().stream()
        .filter(
            a ->
                a.getStatus() != null
                    && a.getStatus().conditions() != null
                    && a.getStatus().conditions().stream()
                        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))
                    && a.getStatus().conditions().stream()
                        .anyMatch(
                            c -> c.getType().equals("Degraded") && c.getStatus().equals("False")))
        .count();
  }

  /** How many of the scale test's Services have a cluster IP and a slice with an endpoint. */
  private static long routed(KubernetesClient client) {
    Set<String> withEndpoints = new HashSet<>();
    client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems().stream()
        .filter(s -> s.getMetadata().getNamespace().startsWith("scale-"))
        .filter(s -> s.getEndpoints() != null && !s.getEndpoints().isEmpty())
        .forEach(
            s ->
                withEndpoints.add(
                    s.getMetadata().getNamespace()
                        + "/"
                        + s.getMetadata().getLabels().get("kubernetes.io/service-name")));
    return client.services().inAnyNamespace().list().getItems().stream()
        .filter(v -> v.getMetadata().getNamespace().startsWith("scale-"))
        .filter(v -> v.getSpec().getClusterIP() != null && !v.getSpec().getClusterIP().isEmpty())
        .filter(
            v ->
                withEndpoints.contains(
                    v.getMetadata().getNamespace() + "/" + v.getMetadata().getName()))
        .count();
  }

  private static void firstAnswer(List<ServerNode> executors, String host) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                executors.stream()
                    .anyMatch(
                        e ->
                            HostProbe.get("127.0.0.1", e.gatewayPort(), host, "/api/items").status()
                                == 200));
  }

  private static void create(
      KubernetesClient client, String ns, String name, String ref, int replicas) {
    WasmApp a = new WasmApp();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    a.setSpec(new WasmAppSpec(ref, replicas, null, null, null, null, null, null));
    client.resources(WasmApp.class).inNamespace(ns).resource(a).create();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  private void line(String format, Object... args) {
    report.add(String.format(Locale.ROOT, format, args));
  }

  /** Heap in use after a full GC (jcmd), in KiB, metaspace left out. */
  private static long heapUsedKib(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    long used = 0;
    for (String l : jcmd(pid, "GC.heap_info").split("\n")) {
      if (l.contains("Metaspace") || l.contains("class space")) {
        continue;
      }
      var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(l);
      if (m.find()) {
        used += Long.parseLong(m.group(1));
      }
    }
    return used;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  /** User and system CPU of a process, in clock ticks (1/100 s on Linux). */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long rssKib(long pid) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse("unknown CPU");
  }
}
