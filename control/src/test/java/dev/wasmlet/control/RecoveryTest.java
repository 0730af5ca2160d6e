package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a restarted server loads its revisions, a known app is busy (503), never unknown (404). */
class RecoveryTest {
  @TempDir Path tmp;
  private WasmletServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static WasmletServer start(Path data, int gatewayPort) {
    return TestServers.start(data, gatewayPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One answer seen during the restart: status and Retry-After. */
  private record Seen(int status, String retryAfter) {}

  @Test
  void aKnownAppAnswers503WithRetryAfterUntilItsRevisionServesNever404() throws Exception {
    int port = freePort();
    Path data = tmp.resolve("data");
    server = start(data, port);
    TestAdmin admin =
        new TestAdmin(
            "http://127.0.0.1:" + server.adminPort(), Files.readString(server.tokenFile()).trim());
    admin.awaitRollout(
        "slow",
        admin.deploy(
            "slow", TestApps.root().resolve("control/src/test/resources/apps/slowstart"), null),
        Duration.ofSeconds(60));
    server.close();
    server = null;

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/slow/api/x");
    List<Seen> seen = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread poller =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    try {
                      HttpResponse<Void> r =
                          http.send(
                              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                              HttpResponse.BodyHandlers.discarding());
                      seen.add(
                          new Seen(
                              r.statusCode(), r.headers().firstValue("Retry-After").orElse("")));
                    } catch (ConnectException e) {
                      // not listening yet
                    } catch (IOException e) {
                      // the listener is coming up
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    server = start(data, port); // returns once every committed revision is loaded
    HttpResponse<String> after =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    done.set(true);
    poller.join(Duration.ofSeconds(15));

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("slow start\n");
    assertThat(seen).as("answers while recovering").noneMatch(s -> s.status() == 404);
    assertThat(seen)
        .as("the slow revision kept the app loading after the gateway listened")
        .anyMatch(s -> s.status() == 503);
    assertThat(seen)
        .filteredOn(s -> s.status() == 503)
        .allSatisfy(s -> assertThat(s.retryAfter()).isEqualTo("1"));
  }

  @Test
  void everyAppComesBackOnItsOwnRevisionWhenTheyLoadInParallel() throws Exception {
    Path data = tmp.resolve("data");
    server = start(data, 0);
    TestAdmin admin =
        new TestAdmin(
            "http://127.0.0.1:" + server.adminPort(), Files.readString(server.tokenFile()).trim());
    int apps = 6;
    for (int i = 0; i < apps; i++) {
      admin.awaitRollout(
          "app" + i,
          admin.deploy("app" + i, TestApps.marker(tmp.resolve("src" + i), "m" + i), null),
          Duration.ofSeconds(30));
    }
    server.close();
    server = start(data, 0);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < apps; i++) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + server.gatewayPort() + "/app" + i + "/api/items"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("app%d", i).isEqualTo(200);
      assertThat(r.body()).contains("\"m" + i + "\"");
    }
  }
}
