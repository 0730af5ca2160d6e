package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spin SDK app (examples/spin-python: componentize-py + spin-sdk 3.4.1, built by its build.sh),
 * unmodified, through real {@code wasmlet up} processes: key-value that survives a restart and a
 * kill -9 without losing an acknowledged write, SQLite, variables with a secret that never shows,
 * and Spin's error values for what the manifest does not grant.
 */
class SpinAppIT {
  private static final String SECRET = "t0p-s3cret-4b9e";
  private static final Map<String, String> ENV =
      Map.of("SPIN_VARIABLE_OWNER", "ops-team", "SPIN_VARIABLE_API_TOKEN", SECRET);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path tmp;

  @BeforeAll
  static void build() throws Exception {
    built();
  }

  /** Builds (or finds cached) examples/spin-python; returns the component's path. */
  static Path built() throws Exception {
    Process p =
        new ProcessBuilder(
                "bash", ServerProcess.root().resolve("examples/spin-python/build.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("spin-python/build.sh exit status").isZero();
    assertThat(Path.of(out)).exists();
    return Path.of(out);
  }

  private ServerProcess up(Path data) throws Exception {
    return ServerProcess.up(ENV, "examples/spin-python", "--data-dir", data.toString());
  }

  private static HttpResponse<String> send(ServerProcess s, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(s.url(path)))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(ServerProcess s, String path) throws Exception {
    return send(s, "GET", path, "");
  }

  @Test
  void keyValueSqliteAndVariablesWorkAndSurviveARestart() throws Exception {
    Path data = tmp.resolve("data");
    try (ServerProcess s = up(data)) {
      assertThat(get(s, "/counter").body()).as("first count").isEqualTo("{\"counter\":1}");
      assertThat(get(s, "/counter").body()).contains("2");
      assertThat(send(s, "PUT", "/kv/greeting", "h\u00e9llo").statusCode()).isEqualTo(200);
      assertThat(get(s, "/kv/greeting").body()).contains("h\u00e9llo");
      assertThat(get(s, "/kv/absent").statusCode()).isEqualTo(404);

      HttpResponse<String> notes = get(s, "/sql/notes?body=first");
      assertThat(notes.statusCode()).as(notes.body()).isEqualTo(200);
      assertThat(notes.body()).contains("first");
      HttpResponse<String> typed =
          send(s, "POST", "/sql", "select 1 as i, 2.5 as r, 'x' as t, x'0102' as b, null as n");
      assertThat(typed.body()).contains("[[1,2.5,\"x\",{\"base64\":\"AQI=\"},null]]");
      HttpResponse<String> bad = send(s, "POST", "/sql", "SELEKT nonsense");
      assertThat(bad.statusCode()).isEqualTo(500);
      assertThat(bad.body()).contains("io").contains("syntax error");
      HttpResponse<String> escape =
          send(s, "POST", "/sql", "ATTACH DATABASE '" + tmp.resolve("stolen.db") + "' AS x");
      assertThat(escape.statusCode()).isEqualTo(500);
      assertThat(tmp.resolve("stolen.db")).doesNotExist();

      HttpResponse<String> vars = get(s, "/vars");
      assertThat(vars.statusCode()).as(vars.body()).isEqualTo(200);
      assertThat(vars.body()).contains("hello from spin-python").contains("ops-team");
      assertThat(get(s, "/secret-check?guess=" + SECRET).body()).contains("true");
      assertThat(get(s, "/secret-check?guess=wrong").body()).contains("false");
      assertThat(String.join("\n", s.stdout()) + String.join("\n", s.stderr()))
          .doesNotContain(SECRET);

      // nothing the manifest does not grant: outbound HTTP is denied
      HttpResponse<String> fetch = get(s, "/fetch?url=http://example.invalid/");
      assertThat(fetch.statusCode()).isEqualTo(502);
      assertThat(fetch.body()).contains("http-request-denied");
    }
    try (ServerProcess s = up(data)) {
      assertThat(get(s, "/counter").body()).contains("3");
      assertThat(get(s, "/kv/greeting").body()).contains("h\u00e9llo");
      assertThat(get(s, "/sql/notes?body=second").body()).contains("first").contains("second");
      assertThat(String.join("\n", s.stdout()) + String.join("\n", s.stderr()))
          .doesNotContain(SECRET);
    }
  }

  /** The same routes written with Spin's JavaScript SDK (examples/spin-js, ComponentizeJS). */
  @Test
  void theJavaScriptSdkAppRunsToo() throws Exception {
    Process p =
        new ProcessBuilder(
                "bash", ServerProcess.root().resolve("examples/spin-js/build.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("spin-js/build.sh exit status").isZero();
    assertThat(Path.of(out)).exists();
    try (ServerProcess s =
        ServerProcess.up(ENV, "examples/spin-js", "--data-dir", tmp.resolve("js").toString())) {
      assertThat(get(s, "/counter").body()).isEqualTo("{\"counter\":1}");
      assertThat(get(s, "/counter").body()).isEqualTo("{\"counter\":2}");
      assertThat(send(s, "PUT", "/kv/k", "v1").statusCode()).isEqualTo(200);
      assertThat(get(s, "/kv/k").body()).contains("v1");
      assertThat(get(s, "/vars").body()).contains("hello from spin-js").contains("ops-team");
      assertThat(get(s, "/secret-check?guess=" + SECRET).body()).contains("true");
      assertThat(send(s, "POST", "/sql", "select 1 as one, 'x' as t").body())
          .contains("[[1,\"x\"]]");
    }
  }

  /**
   * allowed_outbound_hosts = ["http://127.0.0.1:*"]: a loopback server is reached, https to the
   * same host and any other host are denied, and a redirect is handed to the guest, not followed.
   */
  @Test
  void outboundHttpReachesOnlyWhatTheManifestAllows() throws Exception {
    com.sun.net.httpserver.HttpServer peer =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", 0), 16);
    peer.createContext(
        "/ok",
        ex -> {
          byte[] b = ("pong " + ex.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    peer.createContext(
        "/away",
        ex -> {
          ex.getResponseHeaders().add("location", "http://example.invalid/");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    peer.start();
    int port = peer.getAddress().getPort();
    try (ServerProcess s = up(tmp.resolve("data"))) {
      HttpResponse<String> ok = get(s, "/fetch?url=http://127.0.0.1:" + port + "/ok");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(ok.body()).contains("\"status\":200").contains("pong GET");
      HttpResponse<String> away = get(s, "/fetch?url=http://127.0.0.1:" + port + "/away");
      assertThat(away.body()).as("the 302 reaches the guest").contains("\"status\":302");
      for (String denied :
          List.of("https://127.0.0.1:" + port + "/ok", "http://localhost:" + port + "/ok")) {
        HttpResponse<String> r = get(s, "/fetch?url=" + denied);
        assertThat(r.statusCode()).as(denied).isEqualTo(502);
        assertThat(r.body()).as(denied).contains("http-request-denied");
      }
      HttpResponse<String> closed = get(s, "/fetch?url=http://127.0.0.1:1/");
      assertThat(closed.statusCode()).isEqualTo(502);
      assertThat(closed.body()).contains("connection-refused");
    } finally {
      peer.stop(0);
    }
  }

  /**
   * allowed_outbound_hosts has "http://self": a relative URL from the guest (/self/P asks the app
   * itself for /P) is served by the app's own routes in process, status and body as they came, in
   * chains up to 8 deep; a guest that would go deeper gets loop-detected instead of filling the
   * server. Without "http://self" a relative URL is http-request-denied, as in Spin.
   */
  @Test
  void relativeUrlsReachTheAppItselfOnlyWhenSelfIsAllowed() throws Exception {
    try (ServerProcess s = up(tmp.resolve("data"))) {
      HttpResponse<String> vars = get(s, "/self/vars");
      assertThat(vars.statusCode()).as(vars.body()).isEqualTo(200);
      assertThat(vars.body()).contains("hello from spin-python").contains("ops-team");
      assertThat(vars.headers().firstValue("content-type")).hasValue("application/json");
      HttpResponse<String> missing = get(s, "/self/kv/nope");
      assertThat(missing.statusCode()).as("the app's own 404 passes back").isEqualTo(404);
      assertThat(missing.body()).contains("no key 'nope'");
      assertThat(get(s, "/fetch?url=/counter").body())
          .as("any relative URL is a self request")
          .isEqualTo("{\"status\":200,\"body\":\"{\\\"counter\\\":1}\"}");

      HttpResponse<String> eight = get(s, "/self".repeat(8) + "/counter");
      assertThat(eight.statusCode()).as(eight.body()).isEqualTo(200);
      assertThat(eight.body()).isEqualTo("{\"counter\":2}");
      HttpResponse<String> nine = get(s, "/self".repeat(9) + "/counter");
      assertThat(nine.statusCode()).as(nine.body()).isEqualTo(502);
      assertThat(nine.body()).contains("loop-detected");
      assertThat(get(s, "/counter").body()).as("the ninth never ran").isEqualTo("{\"counter\":3}");
      assertThat(String.join("\n", s.stderr()) + String.join("\n", s.stdout()))
          .contains("at most 8 may be chained");
    }
    Path noSelf = tmp.resolve("no-self");
    java.nio.file.Files.createDirectories(noSelf);
    Path example = ServerProcess.root().resolve("examples/spin-python");
    String manifest = java.nio.file.Files.readString(example.resolve("spin.toml"));
    assertThat(manifest).contains(", \"http://self\"]");
    java.nio.file.Files.writeString(
        noSelf.resolve("spin.toml"),
        manifest
            .replace(", \"http://self\"]", "]")
            .replace(
                "source = \"../../.wasmlet/guests/spin-python.wasm\"",
                "source = \"" + built().toString().replace("\\", "/") + "\""));
    try (ServerProcess s =
        ServerProcess.up(ENV, noSelf.toString(), "--data-dir", tmp.resolve("d2").toString())) {
      HttpResponse<String> denied = get(s, "/self/vars");
      assertThat(denied.statusCode()).as(denied.body()).isEqualTo(502);
      assertThat(denied.body()).contains("http-request-denied");
    }
  }

  @Test
  void killDashNineLosesNoAcknowledgedWrite() throws Exception {
    Path data = tmp.resolve("data");
    List<Integer> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerProcess s = up(data)) {
      // kill -9 (no shutdown hook runs) at some moment after the fifth acknowledged write, while
      // writes keep coming: the kill lands in the middle of one
      Thread killer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (acknowledged.size() < 5 && s.process().isAlive()) {
                        Thread.sleep(5);
                      }
                      Thread.sleep(37);
                    } catch (InterruptedException e) {
                      return;
                    }
                    s.process().destroyForcibly();
                  });
      for (int i = 0; i < 10_000 && s.process().isAlive(); i++) {
        try {
          if (send(s, "PUT", "/kv/k" + i, "v" + i).statusCode() == 200) {
            acknowledged.add(i);
          }
        } catch (java.io.IOException e) {
          break; // the server is gone
        }
      }
      killer.join();
      s.process().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(acknowledged)
        .as("writes acknowledged before the kill")
        .hasSizeGreaterThanOrEqualTo(5);
    try (ServerProcess s = up(data)) {
      for (int i : acknowledged) {
        HttpResponse<String> r = get(s, "/kv/k" + i);
        assertThat(r.statusCode()).as("k%d after kill -9", i).isEqualTo(200);
        assertThat(r.body()).contains("\"v" + i + "\"");
      }
    }
  }
}
