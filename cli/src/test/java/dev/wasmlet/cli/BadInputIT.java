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
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oversized and slow requests are refused with the right status, and the server keeps serving. */
class BadInputIT {
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.up("examples/misbehave", "--body-timeout", "1s", "--read-timeout", "5s");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Sends raw bytes and returns the status line of the answer. */
  private static String raw(byte[] request, Duration pause, byte[] trickle) throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      try {
        for (byte b : trickle) {
          Thread.sleep(pause.toMillis()); // the point of the test: a client that sends slowly
          out.write(b);
          out.flush();
        }
      } catch (java.io.IOException e) {
        // the server may close on us mid-trickle; its answer is what we check
      }
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return head;
    }
  }

  private static int okStatus() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url("/ok"))).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    String big = "x".repeat(20_000);
    String req = "GET /ok HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n\r\n";
    assertThat(raw(req.getBytes(StandardCharsets.US_ASCII), Duration.ZERO, new byte[0]))
        .isIn("HTTP/1.1 431", "HTTP/1.1 400");
    assertThat(okStatus()).isEqualTo(200);
  }

  @Test
  void aBodyOverTheComponentLimitGets413() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/ok")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20]))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(okStatus()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyOverTheLimitGets413() throws Exception {
    StringBuilder req =
        new StringBuilder(
            "POST /ok HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = "y".repeat(64 * 1024);
    for (int i = 0; i < 20; i++) {
      req.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
    }
    req.append("0\r\n\r\n");
    assertThat(raw(req.toString().getBytes(StandardCharsets.US_ASCII), Duration.ZERO, new byte[0]))
        .isEqualTo("HTTP/1.1 413");
  }

  @Test
  void aSlowlySentBodyIsCutOffWith408() throws Exception {
    String head = "POST /ok HTTP/1.1\r\nHost: localhost\r\nContent-Length: 40\r\n\r\n";
    byte[] trickle = "z".repeat(40).getBytes(StandardCharsets.US_ASCII);
    assertThat(raw(head.getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(100), trickle))
        .isEqualTo("HTTP/1.1 408");
    assertThat(okStatus()).isEqualTo(200);
  }

  @Test
  void anUnknownRouteGets404WithARequestId() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/nope"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("request id: " + r.headers().firstValue("X-Request-Id").get());
  }

  @Test
  void theHealthEndpointAnswers() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/.well-known/wasmlet/health")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
