package dev.wasmlet.cli;

import static org.awaitility.Awaitility.await;

import dev.wasmlet.testing.TestAdmin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code wasmlet server} process on free loopback ports with its own data directory; ended
 * by its own PID, gracefully or with SIGKILL.
 */
final class ServerNode implements AutoCloseable {
  private static final Pattern BANNER =
      Pattern.compile(
          "apps on http://127\\.0\\.0\\.1:(\\d+), admin API on (https?)://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Path data;
  private final List<String> output;
  private volatile int gatewayPort = -1;
  private volatile int adminPort = -1;
  private volatile boolean adminTls;

  private ServerNode(Process process, Path data, List<String> output) {
    this.process = process;
    this.data = data;
    this.output = output;
  }

  /** Starts a server on the data directory; {@code output} collects every line it prints. */
  static ServerNode start(Path data, List<String> output) throws IOException {
    return start(data, output, List.of());
  }

  /** The same, with extra JVM options (e.g. a heap cap). */
  static ServerNode start(Path data, List<String> output, List<String> jvmOptions)
      throws IOException {
    return start(data, output, jvmOptions, List.of());
  }

  /** The same, with extra {@code wasmlet server} options (e.g. {@code --policy FILE}). */
  static ServerNode start(
      Path data, List<String> output, List<String> jvmOptions, List<String> serverOptions)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:+UseParallelGC");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(
        List.of(
            "server",
            "--data",
            data.toString(),
            "--listen",
            "127.0.0.1:0",
            "--admin-listen",
            "127.0.0.1:0",
            "--probe-interval",
            "500ms"));
    cmd.addAll(serverOptions);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    ServerNode node = new ServerNode(pb.start(), data, output);
    node.pump();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> node.adminPort > 0 || !node.process.isAlive());
    if (node.adminPort < 0) {
      throw new AssertionError("wasmlet server did not start:\n" + String.join("\n", output));
    }
    if (!node.adminTls) { // an HTTPS admin API is the caller's to check, with its own trust
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> node.admin().callAs(null, "GET", "/readyz", null).status() == 200);
    }
    return node;
  }

  /** The admin API's port (the banner printed it). */
  int adminPort() {
    return adminPort;
  }

  private void pump() {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.add(line);
                  Matcher m = BANNER.matcher(line);
                  if (m.find()) {
                    gatewayPort = Integer.parseInt(m.group(1));
                    adminTls = m.group(2).equals("https");
                    adminPort = Integer.parseInt(m.group(3));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "wasmlet-server-pump");
    t.setDaemon(true);
    t.start();
  }

  static List<String> newOutput() {
    return new CopyOnWriteArrayList<>();
  }

  TestAdmin admin() throws IOException {
    return new TestAdmin(
        "http://127.0.0.1:" + adminPort, Files.readString(data.resolve("admin.token")).trim());
  }

  int gatewayPort() {
    return gatewayPort;
  }

  String gateway() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  long pid() {
    return process.pid();
  }

  /** The server's resident memory now, in KiB (Linux). */
  long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmRSS for " + process.pid());
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
