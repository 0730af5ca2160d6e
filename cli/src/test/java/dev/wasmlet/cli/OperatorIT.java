package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wasmlet.kube.WasmApp;
import dev.wasmlet.testing.ControlPlane;
import dev.wasmlet.testing.Kubectl;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.TestApps;
import dev.wasmlet.testing.Tools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator and three executors as real processes against a real control plane (etcd,
 * kube-apiserver, kube-controller-manager on loopback) and a real registry: the scenarios,
 * one namespace per test. Requests go where a Service would send them: to the endpoints of the
 * WasmApp's EndpointSlices, with the Service's host name ({@link SliceLoad}, {@link HostProbe}).
 * The executors advertise their gateways as {@code eN.localhost}: the API server refuses loopback
 * IPs in EndpointSlices, so here the slices are of address type FQDN where a cluster's carry pod
 * IPs, and the test's client resolves {@code *.localhost} to 127.0.0.1 as RFC 6761 has it (this
 * machine's resolver does not). Their admin APIs listen on, and are advertised at, 127.0.0.1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIT {
  private static final Path CRD = Tools.root().resolve("deploy/crd/wasmapps.wasmlet.dev.yaml");
  private static final String EXECUTORS = "wasmlet-system";
  private static final Duration LIMIT = Duration.ofSeconds(120);

  @TempDir static Path tmp;
  private static ControlPlane controlPlane;
  private static Kubectl kubectl;
  private static KubernetesClient client;
  private static LocalRegistry registry;
  private static final List<ServerNode> executors = new ArrayList<>();
  private static final List<List<String>> executorOutput = new ArrayList<>();
  private static OperatorProcess operator;
  private static OperatorProcess standby;
  // the operator and executors run as deploy/rbac's service accounts: the tests prove its RBAC
  private static Path operatorKubeconfig;
  private static Path executorKubeconfig;
  private static String v1;
  private static String v2;

  @BeforeAll
  static void startCluster() throws Exception {
    controlPlane = ControlPlane.start(tmp.resolve("control-plane"), List.of(CRD));
    kubectl = controlPlane.kubectl();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig())))
            .build();
    Path deploy = Tools.root().resolve("deploy");
    for (String manifest : List.of("namespace.yaml", "rbac/operator.yaml", "rbac/executor.yaml")) {
      kubectl.run("apply", "-f", deploy.resolve(manifest).toString());
    }
    operatorKubeconfig = controlPlane.kubeconfigFor(EXECUTORS, "wasmlet-operator");
    executorKubeconfig = controlPlane.kubeconfigFor(EXECUTORS, "wasmlet-executor");
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    kubectl.run(
        "create",
        "secret",
        "generic",
        "wasmlet-executor-token",
        "-n",
        EXECUTORS,
        "--from-literal=token=" + HexFormat.of().formatHex(raw));
    registry = LocalRegistry.start(tmp.resolve("registry"));
    v1 = push("marker:v1", TestApps.marker(tmp.resolve("apps"), "v1"));
    v2 = push("marker:v2", TestApps.marker(tmp.resolve("apps"), "v2"));
    for (String name : List.of("e1", "e2", "e3")) {
      startExecutor(name);
    }
    operator = startOperator("op-a");
    await().atMost(LIMIT).until(operator::leads);
    standby = startOperator("op-b");
  }

  private static String push(String repoTag, Path dir) {
    String ref = registry.address() + "/apps/" + repoTag;
    CliRun push = CliRun.of("push", dir.toString(), ref, "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
    return ref;
  }

  private static ServerNode startExecutor(String name) throws Exception {
    List<String> out = ServerNode.newOutput();
    ServerNode node =
        ServerNode.start(
            tmp.resolve("executor-" + name),
            out,
            List.of("-Xmx384m"),
            List.of(
                "--cluster",
                "--kubeconfig",
                executorKubeconfig.toString(),
                "--executor-namespace",
                EXECUTORS,
                "--executor-name",
                name,
                "--advertise-host",
                name + ".localhost",
                "--lease-duration",
                "6s"));
    executors.add(node);
    executorOutput.add(out);
    return node;
  }

  private static OperatorProcess startOperator(String identity) throws Exception {
    return OperatorProcess.start(
        identity,
        operatorKubeconfig,
        "--executor-namespace",
        EXECUTORS,
        "--insecure",
        "--resync",
        "2s",
        "--leader-lease",
        "6s",
        "--cache-dir",
        tmp.resolve("operator-" + identity).toString());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (OperatorProcess op : new OperatorProcess[] {operator, standby}) {
      if (op != null) {
        System.err.println("operator output:\n  " + String.join("\n  ", op.output()));
        op.close();
      }
    }
    for (ServerNode e : executors) {
      e.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (client != null) {
      client.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  private static void apply(String ns, String name, String source, int replicas, String extra) {
    kubectl
        .withInput(
            "apiVersion: wasmlet.dev/v1alpha1\nkind: WasmApp\nmetadata:\n  name: "
                + name
                + "\n  namespace: "
                + ns
                + "\nspec:\n  source: "
                + source
                + "\n  replicas: "
                + replicas
                + "\n"
                + extra,
            "apply",
            "-f",
            "-")
        .ok();
  }

  private static io.fabric8.kubernetes.api.model.Service service(String ns, String name) {
    return client.services().inNamespace(ns).withName(name).get();
  }

  private static WasmApp app(String ns, String name) {
    return client.resources(WasmApp.class).inNamespace(ns).withName(name).get();
  }

  private static Optional<Condition> condition(WasmApp app, String type) {
    if (app == null || app.getStatus() == null || app.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return app.getStatus().conditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  private static boolean is(String ns, String name, String type, String status) {
    WasmApp a = app(ns, name);
    return condition(a, type).map(c -> c.getStatus().equals(status)).orElse(false)
        && a.getStatus().observedGeneration() != null
        && a.getStatus().observedGeneration().equals(a.getMetadata().getGeneration());
  }

  private static void awaitReady(String ns, String name, int replicas) {
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              WasmApp a = app(ns, name);
              assertThat(is(ns, name, "Ready", "True")).as("%s", a.getStatus()).isTrue();
              assertThat(a.getStatus().readyReplicas()).isEqualTo(replicas);
            });
  }

  /** How many revisions the executors hold of the apps whose names start with {@code prefix}. */
  private static int revisions(String prefix) throws java.io.IOException {
    int n = 0;
    for (ServerNode e : executors) {
      for (var a : e.admin().call("GET", "/api/v1/apps", null).json().get("apps")) {
        String name = a.get("name").asText();
        if (name.startsWith(prefix)) {
          n +=
              e.admin()
                  .call("GET", "/api/v1/apps/" + name + "/revisions", null)
                  .json()
                  .get("revisions")
                  .size();
        }
      }
    }
    return n;
  }

  /** The executors whose gateway answers the app's Service host name with 200. */
  private static List<String> serving(String ns, String name, String marker) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < executors.size(); i++) {
      ServerNode e = executors.get(i);
      HostProbe.Answer a =
          HostProbe.get(
              "127.0.0.1", e.gatewayPort(), name + "." + ns + ".svc.cluster.local", "/api/items");
      if (a.status() == 200 && a.body().contains("\"api_version\":\"" + marker + "\"")) {
        out.add("e" + (i + 1));
      }
    }
    return out;
  }

  @Test
  @Order(1)
  void appliedWasmAppIsVerifiedPlacedAndServedThroughItsService(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, "hello", v1, 1, "");
    awaitReady(ns, "hello", 1);

    WasmApp a = app(ns, "hello");
    assertThat(a.getMetadata().getFinalizers()).contains("wasmlet.dev/executors");
    assertThat(a.getStatus().resolvedDigest()).matches("sha256:[0-9a-f]{64}");
    assertThat(a.getStatus().executors()).hasSize(1);
    assertThat(a.getStatus().url()).isEqualTo("http://hello." + ns + ".svc.cluster.local/");
    assertThat(condition(a, "Verified").orElseThrow().getReason()).isEqualTo("NoPolicy");
    assertThat(serving(ns, "hello", "v1")).isEqualTo(a.getStatus().executors());

    List<SliceLoad.Target> targets = SliceLoad.targets(client, ns, "hello");
    ServerNode host =
        executors.get(Integer.parseInt(a.getStatus().executors().get(0).substring(1)) - 1);
    assertThat(targets)
        .containsExactly(
            new SliceLoad.Target(
                a.getStatus().executors().get(0) + ".localhost", host.gatewayPort()));
    var service = client.services().inNamespace(ns).withName("hello").get();
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(a.getMetadata().getUid()));

    // Deleted or edited by hand, the Service and its slices are written again.
    kubectl.run("delete", "service", "hello", "-n", ns, "--wait=true");
    kubectl.run("delete", "endpointslices", "-n", ns, "-l", "kubernetes.io/service-name=hello");
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              var again = service(ns, "hello");
              assertThat(again).isNotNull();
              assertThat(again.getMetadata().getUid()).isNotEqualTo(service.getMetadata().getUid());
              assertThat(SliceLoad.targets(client, ns, "hello")).isEqualTo(targets);
            });
    String slice =
        kubectl
            .run(
                "get",
                "endpointslices",
                "-n",
                ns,
                "-l",
                "kubernetes.io/service-name=hello",
                "-o",
                "name")
            .trim();
    kubectl.run(
        "patch",
        slice,
        "-n",
        ns,
        "--type=json",
        "-p",
        "[{\"op\":\"replace\",\"path\":\"/endpoints/0/addresses/0\","
            + "\"value\":\"wrong.localhost\"}]");
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(SliceLoad.targets(client, ns, "hello")).isEqualTo(targets));

    Kubectl.Result bad =
        kubectl.withInput(
            "apiVersion: wasmlet.dev/v1alpha1\nkind: WasmApp\nmetadata:\n  name: bad\n"
                + "  namespace: "
                + ns
                + "\nspec:\n  source: "
                + v1
                + "\n  replicas: -1\n",
            "apply",
            "-f",
            "-");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("spec.replicas").contains("greater than or equal to 0");
  }

  @Test
  @Order(2)
  void kubectlScaleMovesReplicasOntoEveryExecutorAndOffThemAll(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, "scaled", v1, 1, "");
    awaitReady(ns, "scaled", 1);

    kubectl.run("scale", "wasmapp/scaled", "-n", ns, "--replicas=3");
    awaitReady(ns, "scaled", 3);
    assertThat(serving(ns, "scaled", "v1")).containsExactly("e1", "e2", "e3");
    assertThat(SliceLoad.targets(client, ns, "scaled")).hasSize(3);

    kubectl.run("scale", "wasmapp/scaled", "-n", ns, "--replicas=0");
    awaitReady(ns, "scaled", 0);
    assertThat(condition(app(ns, "scaled"), "Ready").orElseThrow().getReason())
        .isEqualTo("ScaledToZero");
    await().atMost(LIMIT).until(() -> serving(ns, "scaled", "v1").isEmpty());
    assertThat(SliceLoad.targets(client, ns, "scaled")).isEmpty();
  }

  @Test
  @Order(3)
  void changedSourceRollsAcrossExecutorsOneAtATimeWithoutFailedRequests(TestInfo test)
      throws Exception {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, "rolled", v1, 2, "");
    awaitReady(ns, "rolled", 2);
    String before = app(ns, "rolled").getStatus().resolvedDigest();

    try (SliceLoad load = new SliceLoad(client, ns, "rolled", "/api/items").start()) {
      await().atMost(LIMIT).until(() -> load.succeeded() > 20);
      apply(ns, "rolled", v2, 2, "");
      await()
          .atMost(LIMIT)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  !app(ns, "rolled").getStatus().resolvedDigest().equals(before)
                      && is(ns, "rolled", "Ready", "True")
                      && serving(ns, "rolled", "v2").size() == 2);
      long settled = load.succeeded();
      await().atMost(LIMIT).until(() -> load.succeeded() > settled + 20);
      load.close();
      System.err.printf(
          "OperatorIT rollout: %d requests succeeded, %d failed, %d answered v1, %d v2%n",
          load.succeeded(),
          load.failures().size(),
          load.answersContaining("\"v1\""),
          load.answersContaining("\"v2\""));
      assertThat(load.failures()).isEmpty();
      assertThat(load.answersContaining("\"v1\"")).isPositive();
      assertThat(load.answersContaining("\"v2\"")).isPositive();
    }
    assertThat(serving(ns, "rolled", "v1")).isEmpty();
  }

  @Test
  @Order(4)
  void anArtifactThatFailsItsPolicyIsNeverPlacedAndASignedOneIs(TestInfo test) throws Exception {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String key = PolicyFiles.key(tmp, "ci-" + ns);
    kubectl.run("create", "configmap", "ci-keys", "-n", ns, "--from-file=ci.pub=" + key + ".pub");
    String policy =
        "  policy:\n    trustedKeys:\n      - configMapKeyRef: {name: ci-keys, key: ci.pub}\n"
            + "    allowedRegistries: [\"127.0.0.1:*\"]\n";
    apply(ns, "guarded", v1, 3, policy);
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> is(ns, "guarded", "Verified", "False"));
    WasmApp refused = app(ns, "guarded");
    Condition verified = condition(refused, "Verified").orElseThrow();
    assertThat(verified.getReason()).isEqualTo("PolicyRejected");
    assertThat(verified.getMessage()).contains("signature");
    assertThat(condition(refused, "Ready").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(refused.getStatus().executors()).isNullOrEmpty();
    Thread.sleep(3_000); // a few resyncs: still nothing placed
    assertThat(serving(ns, "guarded", "v1")).isEmpty();
    assertThat(app(ns, "guarded").getStatus().executors()).isNullOrEmpty();

    String signed = registry.address() + "/apps/signed:v1";
    CliRun push =
        CliRun.of(
            "push",
            TestApps.marker(tmp.resolve("signed-" + ns), "v1").toString(),
            signed,
            "--insecure",
            "--key",
            key + ".key");
    assertThat(push.code()).as("%s", push).isZero();
    apply(ns, "guarded", signed, 3, policy);
    awaitReady(ns, "guarded", 3);
    assertThat(condition(app(ns, "guarded"), "Verified").orElseThrow().getReason())
        .isEqualTo("PolicySatisfied");
    assertThat(serving(ns, "guarded", "v1")).hasSize(3);
  }

  @Test
  @Order(5)
  void deletingTheWasmAppClearsItsExecutorsAndItsOwnedObjects(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, "doomed", v1, 3, "");
    awaitReady(ns, "doomed", 3);
    assertThat(client.services().inNamespace(ns).withName("doomed").get()).isNotNull();

    kubectl.run("delete", "wasmapp/doomed", "-n", ns, "--wait=true", "--timeout=120s");
    assertThat(app(ns, "doomed")).isNull();
    assertThat(serving(ns, "doomed", "v1")).isEmpty();
    for (ServerNode e : executors) {
      try {
        assertThat(e.admin().call("GET", "/api/v1/apps", null).body()).doesNotContain("doomed-");
      } catch (java.io.IOException x) {
        throw new java.io.UncheckedIOException(x);
      }
    }
    await()
        .atMost(LIMIT)
        .untilAsserted(
            () -> {
              assertThat(client.services().inNamespace(ns).withName("doomed").get()).isNull();
              assertThat(SliceLoad.targets(client, ns, "doomed")).isEmpty();
            });
  }

  @Test
  @Order(6)
  void aServiceTheApiServerRefusesIsReportedAndWrittenOnceItIsAllowed(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String policy = "freeze-services-" + ns;
    kubectl
        .withInput(
            "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\n"
                + "metadata: {name: "
                + policy
                + "}\nspec:\n  failurePolicy: Fail\n  matchConstraints:\n    resourceRules:\n"
                + "    - {apiGroups: [\"\"], apiVersions: [v1], operations: [CREATE, UPDATE],"
                + " resources: [services]}\n  validations:\n"
                + "  - {expression: \"false\", message: Services are frozen here}\n---\n"
                + "apiVersion: admissionregistration.k8s.io/v1\n"
                + "kind: ValidatingAdmissionPolicyBinding\nmetadata: {name: "
                + policy
                + "}\nspec:\n  policyName: "
                + policy
                + "\n  validationActions: [Deny]\n  matchResources:\n    namespaceSelector:\n"
                + "      matchLabels: {kubernetes.io/metadata.name: "
                + ns
                + "}\n",
            "apply",
            "-f",
            "-")
        .ok();
    await() // the API server takes the policy up within a few seconds
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                kubectl
                        .result(
                            "create",
                            "service",
                            "clusterip",
                            "probe",
                            "--tcp=80",
                            "-n",
                            ns,
                            "--dry-run=server")
                        .exitCode()
                    != 0);
    apply(ns, "quoted", v1, 1, "");
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(is(ns, "quoted", "Degraded", "True"))
                    .as("%s; Service %s", app(ns, "quoted").getStatus(), service(ns, "quoted"))
                    .isTrue());
    Condition degraded = condition(app(ns, "quoted"), "Degraded").orElseThrow();
    assertThat(degraded.getReason()).isEqualTo("EndpointsRefused");
    assertThat(degraded.getMessage())
        .startsWith(
            "cannot write the Service or EndpointSlices of WasmApp " + ns + "/quoted: HTTP 4")
        .contains("Services are frozen here")
        .doesNotContain("Failure executing", "https://");
    assertThat(client.services().inNamespace(ns).withName("quoted").get()).isNull();
    assertThat(serving(ns, "quoted", "v1"))
        .as("executors serve the app by host name while its Service is refused")
        .hasSize(1);

    kubectl.run("delete", "validatingadmissionpolicybinding,validatingadmissionpolicy", policy);
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> is(ns, "quoted", "Degraded", "False"));
    assertThat(client.services().inNamespace(ns).withName("quoted").get().getSpec().getClusterIP())
        .isNotBlank();
    assertThat(SliceLoad.targets(client, ns, "quoted")).hasSize(1);
    awaitReady(ns, "quoted", 1);
  }

  @Test
  @Order(7)
  void specRoutesAndLimitsAreAppliedOverTheArtifactsManifestAndTheirChangeRollsOut(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String host = "limited." + ns + ".svc.cluster.local";
    apply(
        ns,
        "limited",
        v1,
        1,
        "  routes:\n    - {path: /v2/...}\n  limits: {maxRequestBody: 1KiB, timeout: 5s}\n");
    awaitReady(ns, "limited", 1);
    ServerNode e =
        executors.get(
            Integer.parseInt(app(ns, "limited").getStatus().executors().get(0).substring(1)) - 1);
    String big = "{\"name\":\"" + "x".repeat(2048) + "\"}";
    assertThat(HostProbe.get("127.0.0.1", e.gatewayPort(), host, "/v2/items").status())
        .isEqualTo(200);
    assertThat(HostProbe.get("127.0.0.1", e.gatewayPort(), host, "/api/items").status())
        .as("the artifact's route /api/... is replaced by spec.routes")
        .isEqualTo(404);
    assertThat(HostProbe.post("127.0.0.1", e.gatewayPort(), host, "/v2/items", big).status())
        .as("spec.limits.maxRequestBody")
        .isEqualTo(413);

    apply(ns, "limited", v1, 1, "");
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> HostProbe.get("127.0.0.1", e.gatewayPort(), host, "/api/items").status() == 200);
    assertThat(HostProbe.get("127.0.0.1", e.gatewayPort(), host, "/v2/items").status())
        .isEqualTo(404);
    assertThat(HostProbe.post("127.0.0.1", e.gatewayPort(), host, "/api/items", big).status())
        .isNotEqualTo(413);
    awaitReady(ns, "limited", 1);
  }

  @Test
  @Order(8)
  void variablesComeFromTheSpecConfigMapsAndSecretsAndFollowTheirChanges(TestInfo test)
      throws Exception {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String ref = push("vars:v1", TestApps.withVariables(tmp.resolve("vars-app")));
    kubectl.run("create", "secret", "generic", "api", "-n", ns, "--from-literal=token=s3cret-1");
    String literal =
        "  variables:\n    - {name: version, value: lit}\n"
            + "    - name: token\n      valueFrom: {secretKeyRef: {name: api, key: token}}\n";
    apply(ns, "configured", ref, 2, literal);
    awaitReady(ns, "configured", 2);
    await().atMost(LIMIT).until(() -> serving(ns, "configured", "lit-s3cret-1").size() == 2);

    kubectl.run("create", "configmap", "settings", "-n", ns, "--from-literal=version=cm-1");
    String fromConfigMap =
        "  variables:\n    - name: version\n"
            + "      valueFrom: {configMapKeyRef: {name: settings, key: version}}\n"
            + "    - name: token\n      valueFrom: {secretKeyRef: {name: api, key: token}}\n";
    apply(ns, "configured", ref, 2, fromConfigMap);
    await().atMost(LIMIT).until(() -> serving(ns, "configured", "cm-1-s3cret-1").size() == 2);

    kubectl
        .withInput(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: api, namespace: "
                + ns
                + "}\nstringData: {token: s3cret-2}\n",
            "apply",
            "-f",
            "-")
        .ok();
    await().atMost(LIMIT).until(() -> serving(ns, "configured", "cm-1-s3cret-2").size() == 2);
    awaitReady(ns, "configured", 2);
    WasmApp a = app(ns, "configured");
    assertThat(a.getStatus().toString()).doesNotContain("s3cret");
    for (ServerNode e : executors) {
      String vars = e.admin().call("GET", "/api/v1/apps", null).body();
      assertThat(vars).doesNotContain("s3cret");
    }

    kubectl.run("delete", "configmap", "settings", "-n", ns);
    await()
        .atMost(LIMIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> is(ns, "configured", "Degraded", "True"));
    Condition degraded = condition(app(ns, "configured"), "Degraded").orElseThrow();
    assertThat(degraded.getReason()).isEqualTo("VariablesUnreadable");
    assertThat(degraded.getMessage())
        .isEqualTo("spec.variables[0] (version): ConfigMap " + ns + "/settings does not exist");
    assertThat(serving(ns, "configured", "cm-1-s3cret-2"))
        .as("the app keeps serving what it had")
        .hasSize(2);
  }

  @Test
  @Order(9)
  void aStandbyOperatorTakesOverAKilledLeadersRolloutAndFinishesIt(TestInfo test) throws Exception {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String canary =
        "  strategy:\n    type: Canary\n    canary:\n      steps:\n"
            + "        - {weight: 50, pause: 2s}\n";
    apply(ns, "handover", v1, 3, canary);
    kubectl.run("create", "secret", "generic", "kept", "-n", ns, "--from-literal=token=s3cret-k");
    apply(
        ns,
        "kept",
        push("vars:v1", TestApps.withVariables(tmp.resolve("vars-app"))),
        1,
        "  variables:\n    - name: token\n      valueFrom: {secretKeyRef: {name: kept, key: token}}\n");
    awaitReady(ns, "handover", 3);
    awaitReady(ns, "kept", 1);
    int keptRevisions = revisions("kept-");
    List<String> placed = app(ns, "handover").getStatus().executors();
    assertThat(operator.leads()).isTrue();
    assertThat(standby.leads()).as("the standby waits while the leader lives").isFalse();

    try (SliceLoad load = new SliceLoad(client, ns, "handover", "/api/items").start()) {
      await().atMost(LIMIT).until(() -> load.succeeded() > 20);
      apply(ns, "handover", v2, 3, canary);
      await()
          .atMost(LIMIT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> is(ns, "handover", "Progressing", "True"));
      operator.kill9();
      long killedAt = System.nanoTime();
      int onV2AtKill = serving(ns, "handover", "v2").size();
      assertThat(onV2AtKill).as("killed mid-rollout: executors left on v1").isLessThan(3);
      await().atMost(LIMIT).until(standby::leads);
      long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
      await()
          .atMost(LIMIT)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  is(ns, "handover", "Ready", "True")
                      && is(ns, "handover", "Progressing", "False")
                      && serving(ns, "handover", "v2").size() == 3);
      long doneMs = (System.nanoTime() - killedAt) / 1_000_000;
      long settled = load.succeeded();
      await().atMost(LIMIT).until(() -> load.succeeded() > settled + 20);
      load.close();
      System.err.printf(
          "OperatorIT operator kill -9: %d of 3 executors answered a probe with v2 at the kill;"
              + " standby led after"
              + " %d ms, rollout finished %d ms after the kill; %d requests succeeded, %d failed%n",
          onV2AtKill, takeoverMs, doneMs, load.succeeded(), load.failures().size());
      assertThat(load.failures()).isEmpty();
    }
    assertThat(revisions("kept-"))
        .as("the new leader set the secret again; the executor held it: no new revision")
        .isEqualTo(keptRevisions);
    assertThat(app(ns, "handover").getStatus().executors())
        .as("the new leader resumed the placement it found in the status")
        .containsExactlyInAnyOrderElementsOf(placed);
    assertThat(serving(ns, "handover", "v1")).isEmpty();
    assertThat(
            client
                .leases()
                .inNamespace(EXECUTORS)
                .withName("wasmlet-operator")
                .get()
                .getSpec()
                .getHolderIdentity())
        .isEqualTo("op-b");
  }

  @Test
  @Order(10)
  void aKilledExecutorsReplicasMoveWhileTheOthersKeepServing(TestInfo test) throws Exception {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, "moved", v1, 2, "");
    awaitReady(ns, "moved", 2);
    List<String> placed = app(ns, "moved").getStatus().executors();
    String victim = placed.get(0);
    ServerNode node = executors.get(Integer.parseInt(victim.substring(1)) - 1);

    try (SliceLoad load = new SliceLoad(client, ns, "moved", "/api/items").start()) {
      await().atMost(LIMIT).until(() -> load.succeeded() > 20);
      long killedAt = System.nanoTime();
      node.kill9();
      await()
          .atMost(LIMIT)
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                WasmApp a = app(ns, "moved");
                assertThat(a.getStatus().executors()).doesNotContain(victim).hasSize(2);
                assertThat(a.getStatus().readyReplicas()).isEqualTo(2);
              });
      long movedMs = (System.nanoTime() - killedAt) / 1_000_000;
      int failedDuringMove = load.failures().size();
      long settled = load.succeeded();
      await().atMost(LIMIT).until(() -> load.succeeded() > settled + 50);
      load.close();
      System.err.printf(
          "OperatorIT kill -9: replicas moved in %d ms; %d requests failed during the move,"
              + " %d after it; %d succeeded%n",
          movedMs, failedDuringMove, load.failures().size() - failedDuringMove, load.succeeded());
      assertThat(load.failures().subList(failedDuringMove, load.failures().size())).isEmpty();
    }
    List<String> survivors = new ArrayList<>(List.of("e1", "e2", "e3"));
    survivors.remove(victim);
    assertThat(serving(ns, "moved", "v1")).containsExactlyElementsOf(survivors);
    assertThat(SliceLoad.targets(client, ns, "moved")).hasSize(2);
  }
}
