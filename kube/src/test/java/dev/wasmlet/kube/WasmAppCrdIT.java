package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wasmlet.testing.ControlPlane;
import dev.wasmlet.testing.Kubectl;
import dev.wasmlet.testing.Tools;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WasmApp CRD in a real API server (etcd, kube-apiserver and kube-controller-manager on
 * loopback, one control plane for the suite, one namespace per test): what it stores, what it
 * refuses and how, its subresources and its printer columns.
 */
class WasmAppCrdIT {
  private static final Path CRD = Tools.root().resolve("deploy/crd/wasmapps.wasmlet.dev.yaml");
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir static Path dir;
  private static ControlPlane controlPlane;
  private static Kubectl kubectl;
  private static KubernetesClient client;

  @BeforeAll
  static void startControlPlane() throws IOException {
    controlPlane = ControlPlane.start(dir.resolve("control-plane"), List.of(CRD));
    System.err.println("WasmAppCrdIT: control plane started in " + controlPlane.startedIn());
    kubectl = controlPlane.kubectl();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig())))
            .build();
  }

  @AfterAll
  static void stopControlPlane() {
    if (client != null) {
      client.close();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void crdPassesTheApiServersDryRun() {
    String out = kubectl.run("apply", "--dry-run=server", "-f", CRD.toString());
    assertThat(out).contains("customresourcedefinition.apiextensions.k8s.io/wasmapps.wasmlet.dev");
    assertThat(out).contains("(server dry run)");
  }

  @Test
  void minimalAppIsStoredWithDefaults(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, app("hello", "source: ghcr.io/acme/hello:1.0")).ok();

    WasmApp stored = client.resources(WasmApp.class).inNamespace(ns).withName("hello").get();
    assertThat(stored.getSpec().source()).isEqualTo("ghcr.io/acme/hello:1.0");
    assertThat(stored.getSpec().replicas()).as("defaulted replicas").isEqualTo(1);
    assertThat(stored.getSpec().strategy())
        .as("defaulted strategy")
        .isEqualTo(new Strategy(StrategyType.AllAtOnce, null));
    assertThat(stored.getSpec().policy()).isNull();
    assertThat(stored.getStatus()).isNull();
  }

  @Test
  void everyFieldSurvivesTheRoundTripThroughTheModel(TestInfo test) throws IOException {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    String yaml = resource("full.yaml");
    apply(ns, yaml).ok();

    WasmApp stored = client.resources(WasmApp.class).inNamespace(ns).withName("full").get();
    JsonNode written = new YAMLMapper().readTree(yaml).get("spec");
    JsonNode read = new ObjectMapper().valueToTree(stored.getSpec());
    assertThat(read)
        .as(
            "the spec as the fabric8 model read it back (a field the schema or model lacks is lost)")
        .isEqualTo(written);
  }

  @Test
  void readmeExampleIsStoredAsWritten(TestInfo test) throws IOException {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    Path example = Tools.root().resolve("deploy/examples/hello-wasmapp.yaml");
    assertThat(kubectl.run("apply", "-n", ns, "-f", example.toString()))
        .contains("wasmapp.wasmlet.dev/hello created");

    WasmApp stored = client.resources(WasmApp.class).inNamespace(ns).withName("hello").get();
    JsonNode read = new ObjectMapper().valueToTree(stored.getSpec());
    assertThat(read).isEqualTo(new YAMLMapper().readTree(example.toFile()).get("spec"));
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of(
            "negative replicas",
            "source: ghcr.io/acme/hello:1.0\n  replicas: -1",
            List.of("spec.replicas", "should be greater than or equal to 0")),
        Arguments.of("missing source", "replicas: 1", List.of("spec.source", "Required value")),
        Arguments.of(
            "source without a registry host",
            "source: acme/hello:1.0",
            List.of("spec.source", "must be an OCI reference")),
        Arguments.of(
            "source without tag or digest",
            "source: ghcr.io/acme/hello",
            List.of("spec.source", "must be an OCI reference")),
        Arguments.of(
            "variable with value and valueFrom",
            "source: ghcr.io/acme/hello:1.0\n  variables:\n  - name: region\n    value: eu\n"
                + "    valueFrom: {configMapKeyRef: {name: settings, key: region}}",
            List.of("spec.variables[0]", "set exactly one of value or valueFrom")),
        Arguments.of(
            "variable with neither value nor valueFrom",
            "source: ghcr.io/acme/hello:1.0\n  variables:\n  - name: region",
            List.of("spec.variables[0]", "set exactly one of value or valueFrom")),
        Arguments.of(
            "valueFrom naming a ConfigMap and a Secret",
            "source: ghcr.io/acme/hello:1.0\n  variables:\n  - name: region\n"
                + "    valueFrom: {configMapKeyRef: {name: a, key: b}, secretKeyRef: {name: c, key: d}}",
            List.of(
                "spec.variables[0].valueFrom",
                "set exactly one of configMapKeyRef or secretKeyRef")),
        Arguments.of(
            "valueFrom naming nothing",
            "source: ghcr.io/acme/hello:1.0\n  variables:\n  - name: region\n    valueFrom: {}",
            List.of(
                "spec.variables[0].valueFrom",
                "set exactly one of configMapKeyRef or secretKeyRef")),
        Arguments.of(
            "timeout in hours",
            "source: ghcr.io/acme/hello:1.0\n  limits: {timeout: 1h}",
            List.of("spec.limits.timeout", "should match")),
        Arguments.of(
            "memory limit in other units",
            "source: ghcr.io/acme/hello:1.0\n  limits: {maxMemory: 128MB}",
            List.of("spec.limits.maxMemory", "should match")),
        Arguments.of(
            "type Canary without steps",
            "source: ghcr.io/acme/hello:1.0\n  strategy: {type: Canary}",
            List.of("spec.strategy.canary", "type Canary needs canary.steps")),
        Arguments.of(
            "canary steps with type AllAtOnce",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: AllAtOnce\n"
                + "    canary: {steps: [{weight: 50}]}",
            List.of("spec.strategy.canary", "canary is allowed only with type Canary")),
        Arguments.of(
            "decreasing canary weights",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: Canary\n"
                + "    canary: {steps: [{weight: 50}, {weight: 20}]}",
            List.of("spec.strategy.canary.steps", "weights must increase strictly")),
        Arguments.of(
            "repeated canary weight",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: Canary\n"
                + "    canary: {steps: [{weight: 50}, {weight: 50}]}",
            List.of("spec.strategy.canary.steps", "weights must increase strictly")),
        Arguments.of(
            "canary weight 0",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: Canary\n"
                + "    canary: {steps: [{weight: 0}]}",
            List.of("spec.strategy.canary.steps[0].weight", "greater than or equal to 1")),
        Arguments.of(
            "canary weight 101",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: Canary\n"
                + "    canary: {steps: [{weight: 101}]}",
            List.of("spec.strategy.canary.steps[0].weight", "less than or equal to 100")),
        Arguments.of(
            "canary pause over a day",
            "source: ghcr.io/acme/hello:1.0\n  strategy:\n    type: Canary\n"
                + "    canary: {steps: [{weight: 10, pause: 25h}]}",
            List.of("spec.strategy.canary.steps[0].pause", "a pause is at most 24h")),
        Arguments.of(
            "policy without trusted keys",
            "source: ghcr.io/acme/hello:1.0\n  policy: {requireProvenance: true}",
            List.of("spec.policy.trustedKeys", "Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void apiServerRefusesInvalidSpecNamingFieldAndRule(
      String name, String spec, List<String> expected) {
    String ns = controlPlane.createNamespace("invalid");
    Kubectl.Result r = apply(ns, app("bad", spec));
    assertThat(r.exitCode()).as("kubectl apply of %s; stdout: %s", name, r.stdout()).isNotZero();
    assertThat(r.stderr()).as(name).contains("The WasmApp \"bad\" is invalid");
    for (String fragment : expected) {
      assertThat(r.stderr()).as(name).contains(fragment);
    }
    assertThat(kubectl.result("get", "wasmapp", "bad", "-n", ns).exitCode())
        .as("%s was not stored", name)
        .isNotZero();
  }

  @Test
  void kubectlScaleChangesSpecReplicasThroughTheScaleSubresource(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, app("hello", "source: ghcr.io/acme/hello:1.0")).ok();

    assertThat(kubectl.run("scale", "wasmapp/hello", "--replicas=3", "-n", ns)).contains("scaled");

    assertThat(kubectl.run("get", "wasmapp", "hello", "-n", ns, "-o", "jsonpath={.spec.replicas}"))
        .isEqualTo("3");
    assertThat(
            kubectl.run(
                "get",
                "wasmapp",
                "hello",
                "-n",
                ns,
                "--subresource=scale",
                "-o",
                "jsonpath={.spec.replicas}"))
        .isEqualTo("3");
  }

  @Test
  void statusAndSpecAreWrittenOnlyThroughTheirOwnEndpoints(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, app("hello", "source: ghcr.io/acme/hello:1.0")).ok();

    kubectl.run(
        "patch",
        "wasmapp",
        "hello",
        "-n",
        ns,
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"spec\":{\"replicas\":7},\"status\":{\"revision\":\"r1\"}}");
    assertThat(jsonpath(ns, "{.spec.replicas}/{.status.revision}"))
        .as("a status patch set the status and left the spec")
        .isEqualTo("1/r1");

    kubectl.run(
        "patch",
        "wasmapp",
        "hello",
        "-n",
        ns,
        "--type=merge",
        "-p",
        "{\"spec\":{\"replicas\":2},\"status\":{\"revision\":\"r9\"}}");
    assertThat(jsonpath(ns, "{.spec.replicas}/{.status.revision}"))
        .as("a spec patch set the spec and left the status")
        .isEqualTo("2/r1");
  }

  @Test
  void kubectlGetShowsReadyReplicasRevisionAndDigest(TestInfo test) {
    String ns = controlPlane.createNamespace(test.getDisplayName());
    apply(ns, app("hello", "source: ghcr.io/acme/hello:1.0\n  replicas: 2")).ok();
    WasmApp app = client.resources(WasmApp.class).inNamespace(ns).withName("hello").get();
    app.setStatus(
        new WasmAppStatus(
            app.getMetadata().getGeneration(),
            List.of(
                new ConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("Serving")
                    .withMessage("2 of 2 replicas serve revision r1")
                    .withLastTransitionTime("2026-01-01T00:00:00Z")
                    .withObservedGeneration(app.getMetadata().getGeneration())
                    .build()),
            DIGEST,
            "r1",
            2,
            2,
            "wasmlet.dev/app=hello",
            "http://hello.example",
            List.of("e1", "e2")));
    client.resources(WasmApp.class).inNamespace(ns).resource(app).updateStatus();

    List<String> table = kubectl.run("get", "wasmapps", "-n", ns).lines().toList();
    assertThat(table.get(0).split("\\s+"))
        .containsExactly("NAME", "READY", "REPLICAS", "REVISION", "AGE");
    assertThat(table.get(1).split("\\s+")).startsWith("hello", "True", "2", "r1");
    List<String> wide = kubectl.run("get", "wa", "-n", ns, "-o", "wide").lines().toList();
    assertThat(wide.get(0).split("\\s+"))
        .containsExactly("NAME", "READY", "REPLICAS", "REVISION", "AGE", "DIGEST");
    assertThat(wide.get(1)).endsWith(DIGEST);
  }

  private static String jsonpath(String ns, String template) {
    return kubectl.run("get", "wasmapp", "hello", "-n", ns, "-o", "jsonpath=" + template);
  }

  private static Kubectl.Result apply(String ns, String yaml) {
    return kubectl.withInput(yaml, "apply", "-n", ns, "-f", "-");
  }

  private static String app(String name, String spec) {
    return "apiVersion: wasmlet.dev/v1alpha1\nkind: WasmApp\nmetadata:\n  name: "
        + name
        + "\nspec:\n  "
        + spec
        + "\n";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = WasmAppCrdIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
