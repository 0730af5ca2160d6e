package dev.wasmlet.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver and kube-controller-manager
 * (garbage collector and namespace controllers only), each on free loopback ports with its state
 * and log under the given directory, started in that order as scripts/control-plane-smoke.sh does.
 * The binaries come from scripts/control-plane.sh, which builds them on first use (~20 minutes) and
 * finds them cached afterwards; a failure there fails the test, it never skips. CRDs passed to
 * {@link #start} are established before the controller manager starts, so its garbage collector
 * knows them from the first moment. Stops exactly the processes it started, in reverse order, on
 * {@link #close} or at JVM exit.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(90);
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final AtomicInteger namespaces = new AtomicInteger();
  private final Thread shutdownHook = new Thread(this::stopAll, "control-plane-stop");
  private final LoopbackHttps https = new LoopbackHttps();
  private final String token;
  private String etcdUrl;
  private Path kubeconfig;
  private String server;
  private Kubectl kubectl;
  private Duration startedIn = Duration.ZERO;

  private ControlPlane(Path dir) {
    this.dir = dir;
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    this.token = HexFormat.of().formatHex(bytes);
  }

  /**
   * Starts the control plane with its state under {@code dir}, applying {@code crds} (and waiting
   * for them to be established) before the controller manager starts.
   */
  public static ControlPlane start(Path dir, List<Path> crds) throws IOException {
    Files.createDirectories(dir);
    Path bin = ControlPlaneBinaries.find(dir);
    ControlPlane cp = new ControlPlane(dir);
    Runtime.getRuntime().addShutdownHook(cp.shutdownHook);
    long t0 = System.nanoTime();
    try {
      cp.startEtcd(bin);
      cp.startApiServer(bin);
      for (Path crd : crds) {
        cp.kubectl.run("apply", "--server-side", "-f", crd.toString());
      }
      if (!crds.isEmpty()) {
        cp.kubectl.run("wait", "--for=condition=Established", "crd", "--all", "--timeout=60s");
      }
      cp.startControllerManager(bin);
    } catch (IOException | RuntimeException | Error e) {
      cp.close();
      throw e;
    }
    cp.startedIn = Duration.ofNanos(System.nanoTime() - t0);
    return cp;
  }

  private void startEtcd(Path bin) throws IOException {
    int client = freePort();
    int peer = freePort();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    Process etcd =
        launch(
            "etcd",
            bin.resolve("etcd").toString(),
            "--name=test",
            "--data-dir=" + dir.resolve("etcd"),
            "--unsafe-no-fsync",
            "--listen-client-urls=" + clientUrl,
            "--advertise-client-urls=" + clientUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=test=" + peerUrl,
            "--initial-cluster-state=new",
            "--log-level=warn");
    awaitAnswer(etcd, "etcd", clientUrl + "/health", "\"health\":\"true\"", null);
    this.etcdUrl = clientUrl;
  }

  private void startApiServer(Path bin) throws IOException {
    Path tokens = dir.resolve("tokens.csv");
    Files.writeString(tokens, token + ",test-admin,test-admin-uid,system:masters\n");
    KeyPair sa = serviceAccountKeys();
    Path saKey = dir.resolve("sa.key");
    Path saPub = dir.resolve("sa.pub");
    Files.writeString(saKey, pem("PRIVATE KEY", sa.getPrivate().getEncoded()));
    Files.writeString(saPub, pem("PUBLIC KEY", sa.getPublic().getEncoded()));
    int port = freePort();
    server = "https://127.0.0.1:" + port;
    Process api =
        launch(
            "kube-apiserver",
            bin.resolve("kube-apiserver").toString(),
            "--etcd-servers=" + etcdUrl,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + port,
            "--cert-dir=" + dir.resolve("apiserver-certs"),
            "--token-auth-file=" + tokens,
            "--authorization-mode=RBAC",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-account-key-file=" + saPub,
            "--service-account-signing-key-file=" + saKey,
            "--service-cluster-ip-range=10.96.0.0/16", // room for every WasmApp's Service
            "--endpoint-reconciler-type=none",
            "--profiling=false");
    awaitAnswer(api, "kube-apiserver", server + "/readyz", "ok", token);
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfigText());
    kubectl = new Kubectl(bin.resolve("kubectl"), kubeconfig, dir);
  }

  private void startControllerManager(Path bin) throws IOException {
    int port = freePort();
    Process kcm =
        launch(
            "kube-controller-manager",
            bin.resolve("kube-controller-manager").toString(),
            "--kubeconfig=" + kubeconfig,
            "--controllers=garbagecollector,namespace",
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            "--secure-port=" + port,
            "--cert-dir=" + dir.resolve("kcm-certs"),
            "--profiling=false");
    awaitAnswer(
        kcm, "kube-controller-manager", "https://127.0.0.1:" + port + "/healthz", "ok", null);
  }

  /** {@code https://127.0.0.1:PORT}, the API server. */
  public String server() {
    return server;
  }

  /** A bearer token in {@code system:masters}. */
  public String token() {
    return token;
  }

  /**
   * A kubeconfig for the API server, its only context current (TLS not verified: the server's
   * certificate is self-signed on loopback).
   */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public Kubectl kubectl() {
    return kubectl;
  }

  /** From the first process started to the controller manager answering its health check. */
  public Duration startedIn() {
    return startedIn;
  }

  /**
   * Creates a fresh namespace named after {@code purpose} (lowercased, shortened) and returns it.
   */
  public String createNamespace(String purpose) {
    String base = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    base = base.substring(0, Math.min(base.length(), 50)).replaceAll("^-+|-+$", "");
    String name = (base.isEmpty() ? "test" : base) + "-" + namespaces.incrementAndGet();
    kubectl.run("create", "namespace", name);
    return name;
  }

  private String kubeconfigText() {
    return kubeconfigText("test-admin", token);
  }

  private String kubeconfigText(String user, String bearer) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: "
        + server
        + "\n    insecure-skip-tls-verify: true\nusers:\n- name: "
        + user
        + "\n  user:\n    token: "
        + bearer
        + "\ncontexts:\n- name: test\n  context: {cluster: test, user: "
        + user
        + "}\ncurrent-context: test\n";
  }

  /**
   * A kubeconfig that authenticates as a service account, with a bound token the API server issued
   * for it (TokenRequest, valid for a day): what a pod running as that account holds, so a process
   * using it gets exactly the account's RBAC.
   */
  public Path kubeconfigFor(String namespace, String serviceAccount) throws IOException {
    String bearer =
        kubectl.run("create", "token", serviceAccount, "-n", namespace, "--duration=24h").trim();
    Path file = kubeconfig.resolveSibling("kubeconfig-" + namespace + "-" + serviceAccount);
    Files.writeString(file, kubeconfigText(serviceAccount, bearer));
    return file;
  }

  private Process launch(String name, String... command) throws IOException {
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    logs.add(log);
    return p;
  }

  private void awaitAnswer(Process p, String name, String url, String expected, String bearer) {
    Path log = logs.get(processes.indexOf(p));
    try {
      await(name + " answering " + url + " with " + expected)
          .atMost(READY)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!p.isAlive()) {
                  throw new AssertionError(
                      name
                          + " exited with "
                          + p.exitValue()
                          + "; last lines of its log:\n"
                          + ControlPlaneBinaries.tail(log));
                }
                return https.get(url, bearer).map(b -> b.contains(expected)).orElse(false);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "; last lines of " + log + ":\n" + ControlPlaneBinaries.tail(log), e);
    }
  }

  private static KeyPair serviceAccountKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("the JDK has no RSA", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void stopAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  /** Stops the controller manager, the API server and etcd, in that order, each by its own pid. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs (or ran) stopAll itself
    }
  }
}
