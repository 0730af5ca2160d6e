package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wasmlet.testing.ControlPlane;
import dev.wasmlet.testing.Kubectl;
import dev.wasmlet.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster manifests under deploy/ against a real API server (one control plane for the class):
 * each passes a server-side dry run, which is shown to be real by what it refuses (an unknown field
 * under strict validation, a pod the namespace's restricted Pod Security level forbids); the RBAC,
 * applied for real, grants the operator and the executors what they need and nothing the API server
 * is asked about beyond it; and the token Secret's documented command works as written.
 */
class DeployManifestsIT {
  private static final Path DEPLOY = Tools.root().resolve("deploy");
  private static final String NS = "wasmlet-system";
  private static final String EXECUTOR = "system:serviceaccount:wasmlet-system:wasmlet-executor";
  private static final String OPERATOR = "system:serviceaccount:wasmlet-system:wasmlet-operator";

  @TempDir static Path dir;
  private static ControlPlane controlPlane;
  private static Kubectl kubectl;

  @BeforeAll
  static void startControlPlaneWithNamespaceCrdAndRbac() throws IOException {
    controlPlane =
        ControlPlane.start(
            dir.resolve("control-plane"), List.of(DEPLOY.resolve("crd/wasmapps.wasmlet.dev.yaml")));
    System.err.println("DeployManifestsIT: control plane started in " + controlPlane.startedIn());
    kubectl = controlPlane.kubectl();
    kubectl.run("apply", "-f", DEPLOY.resolve("namespace.yaml").toString());
    kubectl.run("apply", "-f", DEPLOY.resolve("rbac").toString());
  }

  @AfterAll
  static void stopControlPlane() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  static Stream<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      List<Path> yaml =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .sorted()
              .map(DEPLOY::relativize)
              .toList();
      assertThat(yaml)
          .as("the manifests under deploy/")
          .contains(
              Path.of("namespace.yaml"),
              Path.of("crd/wasmapps.wasmlet.dev.yaml"),
              Path.of("rbac/operator.yaml"),
              Path.of("rbac/executor.yaml"),
              Path.of("token-secret.example.yaml"),
              Path.of("operator.yaml"),
              Path.of("executor.yaml"));
      return yaml.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void everyManifestPassesTheApiServersStrictDryRun(Path manifest) throws IOException {
    Path file = DEPLOY.resolve(manifest);
    Kubectl.Result r =
        kubectl.result(
            "apply", "--dry-run=server", "--validate=strict", "-n", NS, "-f", file.toString());
    r.ok();
    List<String> lines = r.stdout().lines().toList();
    List<String> names = new ArrayList<>();
    for (JsonNode doc : documents(file)) {
      names.add(doc.at("/metadata/name").asText());
    }
    assertThat(lines).as("kubectl's output for %s", manifest).hasSameSizeAs(names);
    for (int i = 0; i < names.size(); i++) {
      assertThat(lines.get(i))
          .as("object %d of %s", i, manifest)
          .contains("/" + names.get(i) + " ")
          .endsWith("(server dry run)");
    }
    assertThat(r.stderr())
        .as("warnings for %s", manifest)
        .doesNotContain("would violate PodSecurity")
        .doesNotContain("deprecated");
  }

  @Test
  void dryRunStoresNothing() {
    kubectl.run("apply", "--dry-run=server", "-f", DEPLOY.resolve("operator.yaml").toString());
    Kubectl.Result get = kubectl.result("get", "deployment", "wasmlet-operator", "-n", NS);
    assertThat(get.exitCode()).as("kubectl get after a dry run; stdout: %s", get.stdout()).isOne();
    assertThat(get.stderr()).contains("\"wasmlet-operator\" not found");
  }

  @Test
  void strictDryRunRefusesATypoNamingTheField() throws IOException {
    String yaml = Files.readString(DEPLOY.resolve("executor.yaml"));
    assertThat(yaml).contains("      serviceAccountName: wasmlet-executor\n");
    String typo =
        yaml.replace(
            "      serviceAccountName: wasmlet-executor\n",
            "      serviceAcountName: wasmlet-executor\n");

    Kubectl.Result r =
        kubectl.withInput(
            typo, "apply", "--dry-run=server", "--validate=strict", "-n", NS, "-f", "-");

    assertThat(r.exitCode()).as("exit code; stdout: %s", r.stdout()).isNotZero();
    assertThat(r.stderr())
        .contains("strict decoding error")
        .contains("unknown field \"spec.template.spec.serviceAcountName\"");
  }

  @Test
  void podsOfBothDeploymentsMeetTheNamespacesRestrictedPodSecurityLevel() throws IOException {
    for (String deployment : List.of("operator.yaml", "executor.yaml")) {
      String pod = podOf(documents(DEPLOY.resolve(deployment)).get(0));
      Kubectl.Result r = kubectl.withInput(pod, "create", "--dry-run=server", "-n", NS, "-f", "-");
      assertThat(r.exitCode())
          .as("a pod of %s, created (dry run) in %s; stderr: %s", deployment, NS, r.stderr())
          .isZero();
      assertThat(r.stdout()).contains("created (server dry run)");
    }
  }

  @Test
  void namespaceRefusesAPodThatMayEscalatePrivileges() throws IOException {
    String pod =
        podOf(documents(DEPLOY.resolve("executor.yaml")).get(0))
            .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true");
    assertThat(pod).contains("allowPrivilegeEscalation: true");

    Kubectl.Result r = kubectl.withInput(pod, "create", "--dry-run=server", "-n", NS, "-f", "-");

    assertThat(r.exitCode()).as("exit code; stdout: %s", r.stdout()).isNotZero();
    assertThat(r.stderr())
        .contains("violates PodSecurity \"restricted:latest\"")
        .contains("allowPrivilegeEscalation != false");
  }

  static Stream<Arguments> permissions() {
    return Stream.of(
        // the executor: its Lease and the token, nothing else
        Arguments.of(EXECUTOR, "yes", List.of("create", "leases.coordination.k8s.io", "-n", NS)),
        Arguments.of(EXECUTOR, "yes", List.of("update", "leases.coordination.k8s.io", "-n", NS)),
        Arguments.of(EXECUTOR, "yes", List.of("delete", "leases.coordination.k8s.io", "-n", NS)),
        Arguments.of(EXECUTOR, "no", List.of("list", "leases.coordination.k8s.io", "-n", NS)),
        Arguments.of(
            EXECUTOR, "no", List.of("update", "leases.coordination.k8s.io", "-n", "default")),
        Arguments.of(EXECUTOR, "yes", List.of("get", "secret/wasmlet-executor-token", "-n", NS)),
        Arguments.of(EXECUTOR, "no", List.of("update", "secret/wasmlet-executor-token", "-n", NS)),
        Arguments.of(EXECUTOR, "no", List.of("get", "secret/other", "-n", NS)),
        Arguments.of(EXECUTOR, "no", List.of("list", "secrets", "-n", NS)),
        Arguments.of(EXECUTOR, "no", List.of("get", "wasmapps.wasmlet.dev", "-A")),
        Arguments.of(EXECUTOR, "no", List.of("list", "wasmapps.wasmlet.dev", "-n", "default")),
        Arguments.of(
            EXECUTOR, "no", List.of("patch", "wasmapps.wasmlet.dev", "--subresource=status", "-A")),
        // the operator: WasmApps and their status, Services, EndpointSlices, read-only inputs
        Arguments.of(OPERATOR, "yes", List.of("watch", "wasmapps.wasmlet.dev", "-A")),
        Arguments.of(
            OPERATOR,
            "yes",
            List.of("patch", "wasmapps.wasmlet.dev", "--subresource=status", "-n", "apps")),
        Arguments.of(
            OPERATOR,
            "yes",
            List.of("update", "wasmapps.wasmlet.dev", "--subresource=finalizers", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("create", "wasmapps.wasmlet.dev", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("delete", "wasmapps.wasmlet.dev", "-n", "apps")),
        Arguments.of(
            OPERATOR, "yes", List.of("create", "endpointslices.discovery.k8s.io", "-n", "apps")),
        Arguments.of(OPERATOR, "yes", List.of("delete", "services", "-n", "apps")),
        Arguments.of(OPERATOR, "yes", List.of("create", "events.events.k8s.io", "-n", "apps")),
        Arguments.of(OPERATOR, "yes", List.of("get", "configmaps", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("list", "configmaps", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("list", "secrets", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("watch", "secrets", "-A")),
        Arguments.of(OPERATOR, "yes", List.of("get", "secrets", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("delete", "secrets", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("delete", "secret/wasmlet-executor-token", "-n", NS)),
        Arguments.of(OPERATOR, "no", List.of("update", "configmaps", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("create", "pods", "-n", "apps")),
        Arguments.of(OPERATOR, "no", List.of("create", "pods", "-n", NS)),
        Arguments.of(OPERATOR, "no", List.of("patch", "deployments.apps", "-n", NS)),
        Arguments.of(OPERATOR, "yes", List.of("update", "lease/wasmlet-operator", "-n", NS)),
        Arguments.of(OPERATOR, "yes", List.of("watch", "leases.coordination.k8s.io", "-n", NS)),
        Arguments.of(
            OPERATOR, "no", List.of("create", "leases.coordination.k8s.io", "-n", "default")),
        Arguments.of(OPERATOR, "no", List.of("delete", "leases.coordination.k8s.io", "-n", NS)));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("permissions")
  void rbacGrantsExactlyWhatEachIdentityNeeds(String user, String expected, List<String> check) {
    List<String> args = new ArrayList<>(List.of("auth", "can-i", "--as=" + user));
    args.addAll(check);
    Kubectl.Result r = kubectl.result(args.toArray(String[]::new));
    assertThat(r.stdout().strip())
        .as("kubectl %s; stderr: %s", args, r.stderr())
        .isEqualTo(expected);
    assertThat(r.exitCode())
        .as("kubectl %s exit code", args)
        .isEqualTo(expected.equals("yes") ? 0 : 1);
  }

  @Test
  void readmeApplyOrderInstallsEverythingWithATokenTheExecutorsReadAndSetImageRepointsIt()
      throws IOException, InterruptedException {
    String readme = Files.readString(DEPLOY.resolve("README.md"));
    String install = shBlock(readme, "## Apply order\n\n");
    assertThat(oneLine(install))
        .as("the README's command for the token Secret is the example's")
        .contains(secretCommand());
    try {
      assertThat(bash(install))
          .contains("secret/wasmlet-executor-token created")
          .contains("deployment.apps/wasmlet-executor created")
          .contains("deployment.apps/wasmlet-operator created")
          .contains("wasmapp.wasmlet.dev/hello created");

      String stored =
          kubectl.run(
              "get",
              "secret",
              "wasmlet-executor-token",
              "-n",
              NS,
              "-o",
              "jsonpath={.data.token}",
              "--as=" + EXECUTOR);
      byte[] token = Base64.getDecoder().decode(Base64.getDecoder().decode(stored));
      assertThat(token).as("the executor reads a token of 32 random bytes").hasSize(32);

      assertThat(images()).containsOnly("ghcr.io/wasmlet/wasmlet:0.1.0");
      bash(shBlock(readme, "Then point the Deployments at it:\n\n"));
      assertThat(images())
          .as("both Deployments' images after the README's kubectl set image")
          .containsExactly("ghcr.io/acme/wasmlet:0.1.0", "ghcr.io/acme/wasmlet:0.1.0");
    } finally {
      kubectl.result(
          "delete",
          "-n",
          NS,
          "--ignore-not-found",
          "secret/wasmlet-executor-token",
          "deployment/wasmlet-executor",
          "deployment/wasmlet-operator");
      kubectl.result("delete", "-n", "default", "--ignore-not-found", "wasmapp/hello");
    }
  }

  private static List<String> images() {
    return List.of(
        kubectl
            .run(
                "get",
                "deployments",
                "-n",
                NS,
                "-o",
                "jsonpath={range .items[*]}{.spec.template.spec.containers[*].image} {end}")
            .strip()
            .split(" "));
  }

  /** The {@code sh} code block right after {@code heading} in the README. */
  private static String shBlock(String readme, String heading) {
    Matcher block =
        Pattern.compile(Pattern.quote(heading) + "```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("an sh block after %s in deploy/README.md", heading).isTrue();
    return block.group(1);
  }

  /**
   * Runs {@code script} as a user would, kubectl on PATH and KUBECONFIG set; returns its output.
   */
  private static String bash(String script) throws IOException, InterruptedException {
    Path bin = Path.of(kubectl.result("version", "--client").command().get(0)).getParent();
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
            .redirectErrorStream(true)
            .directory(Tools.root().toFile());
    pb.environment().put("KUBECONFIG", controlPlane.kubeconfig().toString());
    pb.environment().put("PATH", bin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", script).isTrue();
    assertThat(p.exitValue()).as("exit code of%n%s%noutput:%n%s", script, out).isZero();
    return out;
  }

  /** The command in token-secret.example.yaml's comment, on one line. */
  private static String secretCommand() throws IOException {
    String example = Files.readString(DEPLOY.resolve("token-secret.example.yaml"));
    Matcher m =
        Pattern.compile("#   (kubectl create secret generic .*\\\\\\n#.*)\\n").matcher(example);
    assertThat(m.find()).as("the kubectl command in token-secret.example.yaml").isTrue();
    String command = oneLine(m.group(1).replace("#", ""));
    assertThat(command)
        .isEqualTo(
            "kubectl create secret generic wasmlet-executor-token -n wasmlet-system"
                + " --from-literal=token=$(openssl rand -base64 32)");
    return command;
  }

  private static String oneLine(String shell) {
    return shell.replaceAll("\\\\\\n\\s*", " ").replaceAll("[ \\t]+", " ").strip();
  }

  /** A Pod with the Deployment's pod template, as its ReplicaSet would create it. */
  private static String podOf(JsonNode deployment) throws IOException {
    JsonNode template = deployment.at("/spec/template");
    assertThat(template.isMissingNode()).as("a Deployment's pod template").isFalse();
    var pod = new YAMLMapper().createObjectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.putObject("metadata")
        .put("name", deployment.at("/metadata/name").asText() + "-pod")
        .set("labels", template.at("/metadata/labels"));
    pod.set("spec", template.get("spec"));
    return new YAMLMapper().writeValueAsString(pod);
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      return docs.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
    }
  }
}
