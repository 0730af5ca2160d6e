package dev.wasmlet.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real {@code wasmlet operator} process, ended by its own PID (gracefully or with SIGKILL). */
final class OperatorProcess implements AutoCloseable {
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final String identity;
  private volatile boolean started;
  private volatile boolean leads;

  private OperatorProcess(Process process, String identity) {
    this.process = process;
    this.identity = identity;
  }

  /** Starts {@code wasmlet operator ARGS...} and waits for its banner. */
  static OperatorProcess start(String identity, Path kubeconfig, String... args)
      throws IOException {
    return start(identity, kubeconfig, List.of("-XX:+UseSerialGC", "-Xmx256m"), args);
  }

  /** The same with these JVM options. */
  static OperatorProcess start(
      String identity, Path kubeconfig, List<String> jvmOptions, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(List.of("operator", "--kubeconfig", kubeconfig.toString(), "--identity", identity));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    OperatorProcess op = new OperatorProcess(pb.start(), identity);
    op.pump();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> op.started || !op.process.isAlive());
    if (!op.started) {
      throw new AssertionError("wasmlet operator did not start:\n" + String.join("\n", op.output));
    }
    return op;
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
                  if (line.contains(" operator ") && line.contains("leader Lease")) {
                    started = true;
                  }
                  if (line.equals("operator " + identity + " leads: reconciling WasmApps")) {
                    leads = true;
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "wasmlet-operator-pump");
    t.setDaemon(true);
    t.start();
  }

  List<String> output() {
    return output;
  }

  /** Whether it has said it became the leader (and the process still runs). */
  boolean leads() {
    return leads && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, the leader Lease left to expire. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
