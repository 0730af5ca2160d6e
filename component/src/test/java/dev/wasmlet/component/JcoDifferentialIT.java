package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same component and the same requests through {@code jco serve} (the reference host,
 * scripts/jco-serve.sh, a fresh instance per request) and through Wasmlet's executor: the echo
 * component reports what it saw, so each request is replayed in-process with exactly the headers
 * jco handed the guest, and status, content type and body must match byte for byte.
 */
class JcoDifferentialIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern HEADER = Pattern.compile("\\[\"([^\"]+)\",\"([^\"]*)\"\\]");

  private record Req(String method, String path, String body) {}

  private static final List<Req> REQUESTS =
      List.of(
          new Req("GET", "/", ""),
          new Req("GET", "/some/path?x=1&y=%20z", ""),
          new Req("POST", "/echo", "body with \u00e9 and \u4e16"),
          new Req("PUT", "/put?status=201", "x"),
          new Req("GET", "/?status=418", ""));

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void cEchoComponentMatchesJcoServe() throws Exception {
    compare(ROOT.resolve("examples/echo-component/echo.wasm"));
  }

  @Test
  void javascriptEchoComponentMatchesJcoServe() throws Exception {
    compare(built("js-component"));
  }

  /**
   * componentize-py's output: 14 core modules sharing one table, calling each other through it (the
   * case {@link TypeRenumbering} exists for).
   */
  @Test
  void pythonEchoComponentMatchesJcoServe() throws Exception {
    compare(built("python-component"));
  }

  /** Builds (or finds cached) the example's component with its build.sh; returns its path. */
  private static Path built(String example) throws Exception {
    Process p =
        new ProcessBuilder("bash", ROOT.resolve("examples/" + example + "/build.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = utf8(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(example + "/build.sh exit status").isZero();
    return Path.of(out);
  }

  private void compare(Path wasm) throws Exception {
    LoadedComponent c =
        LoadedComponent.load(wasm.toString(), Files.readAllBytes(wasm), ComponentHost.linker());
    int port = freePort();
    Process jco =
        new ProcessBuilder(
                "bash", ROOT.resolve("scripts/jco-serve.sh").toString(), wasm.toString(), "" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      awaitPort(port, jco);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (Req r : REQUESTS) {
        HttpResponse<String> ref =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        TestExchange ex = new TestExchange(r.method(), r.path(), r.body());
        Matcher m = HEADER.matcher(ref.body());
        while (m.find()) {
          ex.header(m.group(1), m.group(2));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiHttp.Outcome o =
            WasiHttp.serve(
                c, ComponentHost.newStore(List.of(), Map.of(), err, err), ex, 4096, 1 << 20);
        assertThat(o.failure()).as("%s %s", r.method(), r.path()).isNull();
        assertThat(ex.status)
            .as("status of %s %s", r.method(), r.path())
            .isEqualTo(ref.statusCode());
        assertThat(ex.responseHeader("content-type"))
            .isEqualTo(ref.headers().firstValue("content-type").orElse(null));
        String ours =
            ex.text()
                .replace(
                    "\"authority\":\"localhost:8080\"", "\"authority\":\"127.0.0.1:" + port + "\"");
        assertThat(ours).as("body of %s %s", r.method(), r.path()).isEqualTo(ref.body());
      }
    } finally {
      jco.destroy();
      if (!jco.waitFor(10, TimeUnit.SECONDS)) {
        jco.destroyForcibly();
      }
    }
  }

  private static void awaitPort(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("jco serve is running").isTrue();
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("jco serve did not listen on " + port + " within 5 minutes");
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
