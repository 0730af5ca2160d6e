package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wasi:http component served by {@code wasmlet up} over real HTTP: streamed chunked bodies,
 * Spin's {@code spin-*} request headers (never forgeable by the client), traps and missing
 * responses as generic 500s with a request id while the server keeps serving, the body cap, and a
 * component that does not link failing the start with the interface's name.
 */
class ComponentServerIT {
  private static ServerProcess server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.up("examples/echo-component");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStreamedBodyIsChunked() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /echo/x?stream=5 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      byte[] buf = new byte[8192];
      // until the last chunk: the server may keep the connection open after it
      while (!got.toString().endsWith("\r\n0\r\n\r\n")) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
      String response = got.toString();
      assertThat(response).endsWith("\r\n0\r\n\r\n");
      String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
      assertThat(head).startsWith("http/1.1 200").contains("transfer-encoding: chunked");
      assertThat(head).doesNotContain("content-length");
    }
    HttpResponse<String> r = get("/echo/x?stream=5");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).hasSize(5 * 1024).matches("x+");
  }

  @Test
  void theGuestSeesSpinHeadersThatTheClientCannotForge() throws Exception {
    HttpResponse<String> r = get("/echo/a/b?q=1", "spin-path-info", "/forged", "x-test", "yes");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("[\"spin-path-info\",\"/a/b\"]")
        .contains("[\"spin-matched-route\",\"/echo/...\"]")
        .contains("\"spin-full-url\",\"http://")
        .contains("[\"x-test\",\"yes\"]")
        .doesNotContain("/forged");
  }

  @Test
  void aTrapOrNoResponseIsAGeneric500AndTheServerServesOn() throws Exception {
    for (String q : new String[] {"trap=1", "noresponse=1"}) {
      HttpResponse<String> r = get("/echo/x?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(500);
      String id = r.headers().firstValue("x-request-id").orElseThrow();
      assertThat(r.body()).isEqualTo("500 Internal Server Error\nrequest id: " + id + "\n");
      assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aBodyOverTheComponentsCapIs413() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url("/echo/big")))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyStreamsToTheGuestAndOneOverTheCapIsCutOff() throws Exception {
    byte[] body = new byte[100_000];
    java.util.Arrays.fill(body, (byte) 'b');
    HttpResponse<String> ok =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url("/echo/chunked")))
                .timeout(Duration.ofSeconds(30))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"body_length\":100000");
    byte[] big = new byte[(1 << 20) + 10];
    HttpResponse<String> over =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url("/echo/chunked")))
                .timeout(Duration.ofSeconds(30))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(over.statusCode()).as("a body cut off at the cap is not echoed").isNotEqualTo(200);
    assertThat(get("/echo/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void aComponentThatDoesNotLinkStopsTheStartNamingTheInterface(@TempDir Path dir)
      throws Exception {
    Path example = ServerProcess.root().resolve("examples/echo-component");
    Files.copy(example.resolve("wasmlet.toml"), dir.resolve("wasmlet.toml"));
    byte[] wasm = Files.readAllBytes(example.resolve("echo.wasm"));
    String text = new String(wasm, StandardCharsets.ISO_8859_1);
    assertThat(text).contains("wasi:http/types@0.2.12");
    Files.write(
        dir.resolve("echo.wasm"),
        text.replace("wasi:http/types@0.2.12", "wasi:http/typez@0.2.12")
            .getBytes(StandardCharsets.ISO_8859_1));
    ServerProcess.Result r =
        ServerProcess.run(Duration.ofSeconds(60), "up", dir.toString(), "--listen", "127.0.0.1:0");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr() + r.stdout())
        .contains("wasi:http/typez@0.2.12")
        .contains("component \"echo\"");
  }
}
