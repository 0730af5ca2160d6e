package dev.wasmlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.app.Executor;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.component.ComponentHost;
import dev.wasmlet.component.WasiContext;
import dev.wasmlet.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wasi:http component routes through the gateway in-process on a real loopback port: the C example
 * components answer, stream, fail into generic 500s with request ids, respect the component's body,
 * response and timeout limits, are counted in the revision's stats, probe healthy, get their files,
 * and one that does not link fails the app's load naming the interface.
 */
class ComponentRoutesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String LAST_CHUNK = "\r\n0\r\n\r\n";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private final Engine engine = Engine.builder().build();
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private ServedRevision revision;
  private Gateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (revision != null) {
      revision.served().close();
    }
    engine.close();
  }

  /** A copy of an example component app, with {@code extra} appended to its manifest. */
  private Path example(String name, String wasm, String extra) throws IOException {
    Path app = dir.resolve(name);
    Files.createDirectories(app);
    Path from = EXAMPLES.resolve(name);
    Files.writeString(
        app.resolve("wasmlet.toml"), Files.readString(from.resolve("wasmlet.toml")) + extra);
    Files.copy(from.resolve(wasm), app.resolve(wasm));
    return app;
  }

  private void serve(Path app) {
    LockedApp locked = Manifests.lock(app);
    revision = new ServedRevision(locked.name(), 1, ServedApp.load(engine, locked));
    HostedApp hosted =
        new HostedApp(locked.name(), AppRouting.everything(), new AdmissionLimits(4, 16));
    hosted.route(TrafficSplit.all(revision));
    AppTable table = new AppTable();
    table.put(hosted);
    GatewayEvents events =
        new GatewayEvents() {
          @Override
          public void requestDone(String a, int rev, int status, long nanos, Outcome outcome) {
            outcomes.add(outcome);
          }
        };
    gateway =
        Gateway.start(
            table, GatewayConfig.defaults().withListen("127.0.0.1", 0).withGuestSlots(4), events);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + gateway.port() + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)));
  }

  /**
   * The raw HTTP/1.1 response to a GET: read until its last chunk or until the server closes the
   * connection (the server may keep it open after the last chunk); a stall of 5 s fails the test.
   */
  private String raw(String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      byte[] buf = new byte[65536];
      while (!got.toString().endsWith(LAST_CHUNK)) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
      return got.toString();
    }
  }

  /** Waits until {@code n} requests were counted: the server counts after it answered. */
  private void settled(int n) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= n);
  }

  private static void assertGeneric500(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(500);
    String id = r.headers().firstValue("x-request-id").orElseThrow();
    assertThat(r.body()).isEqualTo("500 Internal Server Error\nrequest id: " + id + "\n");
  }

  @Test
  void helloComponentAnswersAndProbesHealthy() throws Exception {
    serve(example("hello-component", "hello.wasm", ""));
    assertThat(revision.served().app().routes())
        .allSatisfy(r -> assertThat(r.executor()).isEqualTo(Executor.WASI_HTTP));
    HttpResponse<String> r = get("/hello");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("Hello from Wasmlet!\n");
    assertThat(r.headers().firstValue("x-request-id")).isPresent();
    assertThat(new HealthProbe().get(revision, "/hello").status()).isEqualTo(200);
    settled(1);
    assertThat(revision.stats().snapshot().requests()).isEqualTo(1);
  }

  @Test
  void echoSeesAPostedBodyAndTheClientsHeaders() throws Exception {
    serve(example("echo-component", "echo.wasm", ""));
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/echo/items?x=1"))
                .header("X-Echo-A", "first")
                .POST(HttpRequest.BodyPublishers.ofString("hello body")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("{\"method\":\"POST\",")
        .contains("\"path_with_query\":\"/echo/items?x=1\"")
        .contains("[\"x-echo-a\",\"first\"]")
        .contains("\"body_length\":10,\"body\":\"hello body\"}");
  }

  @Test
  void theGuestChoosesTheStatus() throws Exception {
    serve(example("echo-component", "echo.wasm", ""));
    assertThat(get("/echo/x?status=418").statusCode()).isEqualTo(418);
  }

  @Test
  void aStreamedAnswerIsChunkedWithoutContentLength() throws Exception {
    serve(example("echo-component", "echo.wasm", ""));
    String response = raw("/echo/s?stream=5");
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertThat(head)
        .startsWith("http/1.1 200")
        .contains("transfer-encoding: chunked")
        .doesNotContain("content-length");
    assertThat(response).endsWith(LAST_CHUNK);
    HttpResponse<String> r = get("/echo/s?stream=5");
    assertThat(r.body()).hasSize(5 * 1024).matches("x+");
  }

  @Test
  void aTrapIsAGeneric500WithTheRequestIdAndTheNextRequestSucceeds() throws Exception {
    serve(example("echo-component", "echo.wasm", ""));
    assertGeneric500(get("/echo/t?trap=1"));
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
    settled(2);
    assertThat(outcomes).containsExactly(Outcome.TRAP, Outcome.ANSWERED);
    assertThat(revision.stats().snapshot().serverErrors()).isEqualTo(1);
  }

  @Test
  void aGuestThatSetsNoResponseIsAGeneric500() throws Exception {
    serve(example("echo-component", "echo.wasm", ""));
    assertGeneric500(get("/echo/n?noresponse=1"));
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverTheComponentsCapIs413AsForWagi() throws Exception {
    serve(example("echo-component", "echo.wasm", "")); // max_request_body = "1MiB"
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/echo/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1])));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("request id: ");
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void anAnswerOverTheResponseCapIsCutOffNeverEndedAsComplete() throws Exception {
    // two 1 KiB writes fit, the third is refused; the guest still finishes its body, but the
    // client must see a broken body, not a short complete one
    serve(example("echo-component", "echo.wasm", "max_response = \"2KiB\"\n"));
    assertThatThrownBy(() -> get("/echo/s?stream=5")).isInstanceOf(IOException.class);
    settled(1);
    assertThat(outcomes).containsExactly(Outcome.TRAP);
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void aComponentPastItsTimeoutIsStoppedAndNeverReadsAsComplete() throws Exception {
    // 64 MiB of chunks cannot be written in 1 ms: the engine's deadline interrupts the guest,
    // before its head (504) or after it (the connection dropped without the last chunk)
    serve(example("echo-component", "echo.wasm", "timeout = \"1ms\"\nmax_response = \"128MiB\"\n"));
    try {
      HttpResponse<String> r = get("/echo/s?stream=65536");
      assertThat(r.statusCode()).as("stopped before its head").isEqualTo(504);
      assertThat(r.body()).contains("request id: ");
    } catch (IOException cutOff) {
      // stopped after its head: the body is broken (no last chunk), not merely short
      assertThat(cutOff).isNotInstanceOf(java.net.ConnectException.class);
    }
    settled(1);
    // the JDK client sends a GET once more when its connection closes before a response head,
    // so the guest may have been stopped twice: every run must be a timeout
    assertThat(outcomes).isNotEmpty().hasSizeLessThanOrEqualTo(2).containsOnly(Outcome.TIMEOUT);
  }

  @Test
  void aComponentGetsItsFilesAsAPrivateCopyAtSlash() throws Exception {
    Path app =
        example(
            "counter-component",
            "counter.wasm",
            "files = [{ source = \"public\", destination = \"/static\" }]\n");
    Files.createDirectories(app.resolve("public"));
    Files.writeString(app.resolve("public/a.txt"), "from the manifest");
    serve(app);
    Files.writeString(app.resolve("public/a.txt"), "changed later");
    var mounts = revision.served().mounts(revision.served().locked("counter"));
    assertThat(mounts).containsOnlyKeys("/");
    assertThat(mounts.get("/").resolve("static/a.txt")).hasContent("from the manifest");
    WasiContext guest =
        ComponentHost.newStore(
                List.of(), mounts, OutputStream.nullOutputStream(), OutputStream.nullOutputStream())
            .get(WasiContext.class);
    assertThat(guest.preopens())
        .singleElement()
        .satisfies(p -> assertThat(p.guestPath()).isEqualTo("/"));
    assertThat(guest.preopens().get(0).root().resolve("static/a.txt"))
        .as("the guest's \"/\" is the private copy, not the app directory")
        .hasContent("from the manifest");
    assertThat(get("/count").body()).contains("count=1");
    assertThat(get("/count").body()).contains("count=1");
  }

  @Test
  void aComponentImportingAnInterfaceTheHostLacksFailsTheLoadNamingIt() throws Exception {
    Path app = example("echo-component", "echo.wasm", "");
    String wasm =
        new String(Files.readAllBytes(app.resolve("echo.wasm")), StandardCharsets.ISO_8859_1);
    assertThat(wasm).contains("wasi:http/types@0.2.12");
    Files.write(
        app.resolve("echo.wasm"),
        wasm.replace("wasi:http/types@0.2.12", "wasi:http/typez@0.2.12")
            .getBytes(StandardCharsets.ISO_8859_1));
    LockedApp locked = Manifests.lock(app);
    assertThatThrownBy(() -> ServedApp.load(engine, locked))
        .isInstanceOf(GatewayException.class)
        .hasMessageStartingWith("app \"echo-component\": component \"echo\"")
        .hasMessageContaining("wasi:http/typez@0.2.12");
  }
}
