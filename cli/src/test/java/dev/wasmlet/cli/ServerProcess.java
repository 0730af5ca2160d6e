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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code wasmlet up} process on a free loopback port, for integration tests. Started with
 * the built CLI's classpath; stopped by its own PID.
 */
final class ServerProcess implements AutoCloseable {
  private static final Path CACHE = tempCache();
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  private ServerProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), stdout, true);
    pump(process.getErrorStream(), stderr, false);
  }

  private static Path tempCache() {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("wasmlet-it-cache");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Path root() {
    return Path.of(System.getProperty("wasmlet.root", "..")).toAbsolutePath().normalize();
  }

  /** Runs {@code wasmlet ARGS...} and waits for it to exit (for commands that do not serve). */
  static Result run(Duration limit, String... args) throws IOException, InterruptedException {
    Process p = command(List.of(args)).start();
    ServerProcess s = new ServerProcess(p);
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("wasmlet " + String.join(" ", args) + " did not exit in " + limit);
    }
    s.drain();
    return new Result(p.exitValue(), String.join("\n", s.stdout), String.join("\n", s.stderr));
  }

  /** Starts {@code wasmlet up ARGS... --listen 127.0.0.1:0} and waits until it serves. */
  static ServerProcess up(String... args) throws IOException, InterruptedException {
    return up(java.util.Map.of(), args);
  }

  /** As {@link #up(String...)}, with {@code env} added to the process's environment. */
  static ServerProcess up(java.util.Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("up"));
    all.addAll(List.of(args));
    all.add("--listen");
    all.add("127.0.0.1:0");
    ProcessBuilder pb = command(all);
    pb.environment().putAll(env);
    ServerProcess s = new ServerProcess(pb.start());
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> s.port > 0 || !s.process.isAlive());
    if (s.port < 0) {
      s.drain();
      throw new AssertionError(
          "wasmlet up did not start:\n"
              + String.join("\n", s.stdout)
              + "\n"
              + String.join("\n", s.stderr));
    }
    return s;
  }

  private static ProcessBuilder command(List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:+UseParallelGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root().toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    // Each test run gets its own compile cache unless a test passes --cache-dir.
    pb.environment().put("WASMLET_CACHE_DIR", CACHE.toString());
    return pb;
  }

  private void pump(java.io.InputStream in, List<String> sink, boolean findPort) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.add(line);
                  Matcher m = URL.matcher(line);
                  if (findPort && port < 0 && m.find()) {
                    port = Integer.parseInt(m.group(1));
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "wasmlet-it-pump");
    t.setDaemon(true);
    t.start();
  }

  private void drain() throws InterruptedException {
    Thread.onSpinWait();
    process.waitFor(5, TimeUnit.SECONDS);
    // let the pumps read the last lines
    await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(50)).until(() -> true);
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  Process process() {
    return process;
  }

  List<String> stdout() {
    return stdout;
  }

  List<String> stderr() {
    return stderr;
  }

  /** Sends SIGTERM and waits for a clean exit; kills it if it does not stop in time. */
  int stop() throws InterruptedException {
    process.toHandle().destroy(); // SIGTERM, keeping our end of its output open
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /** A finished command's exit code and output. */
  record Result(int exitCode, String stdout, String stderr) {}
}
