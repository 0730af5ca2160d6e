package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as scripts/image.sh builds and pushes it (Jib, profile {@code image}, on the
 * base scripts/image-base.sh makes): what the registry holds, read through its HTTP API, and the
 * image run from those very blobs, unpacked into a directory and started with chroot in its own
 * mount and PID namespaces (as root, as the image's user 65532; otherwise in a user namespace), as
 * a container runtime would run it.
 */
class ContainerImageIT {
  private static final String REPOSITORY = "wasmlet/cli";
  private static final String MANIFEST_TYPES =
      "application/vnd.oci.image.manifest.v1+json,"
          + " application/vnd.docker.distribution.manifest.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static String pushedDigest;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void buildAndPushTheImage() throws IOException, InterruptedException {
    registry = LocalRegistry.start(dir.resolve("registry"));
    String ref = registry.address() + "/" + REPOSITORY + ":it";
    Path log = dir.resolve("image.log");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder("bash", Tools.root().resolve("scripts/image.sh").toString(), ref)
            .directory(Tools.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("scripts/image.sh %s finished", ref).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("scripts/image.sh %s exit code; output:%n%s", ref, out).isZero();
    System.err.printf(
        "ContainerImageIT: image built and pushed in %d s%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
    List<String> lines = out.strip().lines().toList();
    pushedDigest = lines.get(lines.size() - 1);
    assertThat(pushedDigest)
        .as("the last line of the script's output")
        .matches("sha256:[0-9a-f]{64}");
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void registryHoldsTheTagAtThePrintedDigestWithTheBaseLayerFirst() throws Exception {
    HttpResponse<byte[]> r = get("/manifests/it", MANIFEST_TYPES);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).contains(pushedDigest);
    assertThat(sha256(r.body())).as("the manifest's own digest").isEqualTo(pushedDigest);

    JsonNode manifest = JSON.readTree(r.body());
    assertThat(manifest.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(manifest.at("/config/mediaType").asText())
        .isIn(
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.oci.image.config.v1+json");
    assertThat(manifest.path("layers").size())
        .as("the base layer and Jib's layers (dependencies, project dependencies, classes, ...)")
        .isGreaterThanOrEqualTo(3);
    JsonNode config = config(manifest);
    assertThat(config.at("/history/0/created_by").asText())
        .as("the first layer's history")
        .startsWith("scripts/image-base.sh: jlinked Java");
    assertThat(config.at("/rootfs/diff_ids").size()).isEqualTo(manifest.path("layers").size());
  }

  @Test
  void configRunsTheCliMainWithTheBasesJavaAsANonRootUser() throws Exception {
    JsonNode config = config(JSON.readTree(get("/manifests/it", MANIFEST_TYPES).body()));
    assertThat(config.path("os").asText()).isEqualTo("linux");
    assertThat(config.path("architecture").asText()).isEqualTo("amd64");

    List<String> entrypoint = strings(config.at("/config/Entrypoint"));
    assertThat(entrypoint).first().isEqualTo("java");
    assertThat(entrypoint).last().isEqualTo("dev.wasmlet.cli.Main");
    assertThat(entrypoint)
        .contains("-cp", "@/app/jib-classpath-file", "--enable-native-access=ALL-UNNAMED");
    assertThat(config.at("/config/Cmd").isMissingNode() || config.at("/config/Cmd").isNull())
        .as("no Cmd: a Pod's args are wasmlet's arguments")
        .isTrue();
    assertThat(strings(config.at("/config/Env")))
        .contains("JAVA_HOME=/opt/java")
        .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/bin:"));
    assertThat(config.at("/config/User").asText())
        .as("the user deploy/*.yaml's runAsUser names")
        .isEqualTo("65532:65532");
    assertThat(config.at("/config/ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.at("/config/ExposedPorts").has("8081/tcp")).isTrue();
  }

  @Test
  void imageFromTheRegistryRunsTheServerAnsweringTheProbesTheExecutorManifestUses()
      throws Exception {
    JsonNode manifest = JSON.readTree(get("/manifests/" + pushedDigest, MANIFEST_TYPES).body());
    JsonNode config = config(manifest);
    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("proc"));
    for (JsonNode layer : manifest.path("layers")) {
      String digest = layer.path("digest").asText();
      byte[] blob = get("/blobs/" + digest, "*/*").body();
      assertThat(sha256(blob)).as("layer %s as served", digest).isEqualTo(digest);
      Path file = dir.resolve(digest.substring("sha256:".length()) + ".tar.gz");
      Files.write(file, blob);
      Tools.run(
          dir,
          "tar",
          "--warning=no-unknown-keyword",
          "-xzf",
          file.toString(),
          "-C",
          rootfs.toString());
      Files.delete(file);
    }

    String version =
        String.join("\n", run(rootfs, config, List.of("version"), Duration.ofSeconds(60)));
    assertThat(version).startsWith("wasmlet ").contains("engine: Chicory");
    assertThat(version)
        .as("the JVM that ran is the base image's")
        .contains("java: " + config.at("/config/Labels/dev.wasmlet.base.java").asText());

    int gateway = freePort();
    int admin = freePort();
    Process server =
        start(
            rootfs,
            config,
            List.of(
                "server",
                "--listen",
                "127.0.0.1:" + gateway,
                "--admin-listen",
                "127.0.0.1:" + admin,
                "--data",
                "/tmp/data"),
            dir.resolve("server.log"));
    try {
      await("the server in the image answering /readyz")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                assertThat(server.isAlive())
                    .as("server alive; its log:%n%s", Files.readString(dir.resolve("server.log")))
                    .isTrue();
                return status(admin, "/readyz") == 200;
              });
      assertThat(status(admin, "/healthz")).isEqualTo(200);
      assertThat(Files.readString(dir.resolve("server.log")))
          .contains("data in /tmp/data")
          .doesNotContain("NoClassDefFoundError")
          .doesNotContain("Exception in thread");
    } finally {
      stop(server);
    }
  }

  /** Runs the image's entrypoint with {@code args} to its end; returns its output lines. */
  private static List<String> run(Path rootfs, JsonNode config, List<String> args, Duration limit)
      throws IOException, InterruptedException {
    Path log = dir.resolve("run-" + args.get(0) + ".log");
    Process p = start(rootfs, config, args, log);
    assertThat(p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as("%s finished", args).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", args, out).isZero();
    return out.lines().toList();
  }

  /**
   * Starts the entrypoint plus {@code args} chrooted into {@code rootfs}, with the config's Env
   * only, in a fresh mount and PID namespace with its own /proc (the JVM finds its libraries
   * through /proc/self/exe); stopped by {@link #stop}.
   */
  private static Process start(Path rootfs, JsonNode config, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Tools.require("unshare")));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      command.addAll(List.of("--user", "--map-root-user"));
    }
    command.addAll(
        List.of(
            "--mount",
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc=" + rootfs.resolve("proc")));
    command.add(Tools.require("chroot"));
    if (root) {
      command.add("--userspec=" + config.at("/config/User").asText());
    }
    command.add(rootfs.toString());
    command.addAll(strings(config.at("/config/Entrypoint")));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(rootfs.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().clear();
    for (String e : strings(config.at("/config/Env"))) {
      int eq = e.indexOf('=');
      pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    return pb.start();
  }

  /**
   * Stops what {@link #start} started as a container runtime would: SIGTERM to the entrypoint (the
   * child of {@code unshare}, which itself ignores SIGTERM while it waits), SIGKILL to {@code
   * unshare} only if that did not end it (its {@code --kill-child} then kills the entrypoint).
   */
  private static void stop(Process p) throws InterruptedException {
    p.children().forEach(ProcessHandle::destroy);
    boolean stopped = p.waitFor(30, TimeUnit.SECONDS);
    if (!stopped) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(stopped).as("the entrypoint stopped on SIGTERM").isTrue();
  }

  private static JsonNode config(JsonNode manifest) throws Exception {
    String digest = manifest.at("/config/digest").asText();
    byte[] body = get("/blobs/" + digest, "*/*").body();
    assertThat(sha256(body)).as("config blob %s as served", digest).isEqualTo(digest);
    return JSON.readTree(body);
  }

  private static HttpResponse<byte[]> get(String path, String accept) throws Exception {
    URI uri = URI.create("http://" + registry.address() + "/v2/" + REPOSITORY + path);
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode())
        .as("GET %s: %s", uri, new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return r;
  }

  private static int status(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
