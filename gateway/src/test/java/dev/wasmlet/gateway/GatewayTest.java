package dev.wasmlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.engine.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway in-process on a real loopback port. */
class GatewayTest {
  @TempDir Path dir;
  private final Engine engine = Engine.builder().build();
  private Gateway gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    engine.close();
  }

  /** Starts a gateway for an app made of one engine WAT fixture and the given manifest. */
  private void serve(String fixture, String manifest, GatewayConfig config) throws Exception {
    Files.copy(
        Path.of("../engine/src/test/resources/wat/" + fixture + ".wasm"),
        dir.resolve(fixture + ".wasm"));
    Files.writeString(dir.resolve("wasmlet.toml"), manifest);
    LockedApp app = Manifests.lock(dir);
    gateway = Gateway.start(ServedApp.load(engine, app), config.withListen("127.0.0.1", 0));
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body().trim();
  }

  @Test
  void eachRouteRunsTheEntryPointItsExecutorNames() throws Exception {
    serve(
        "entrypoints",
        """
        wasmlet_manifest_version = 1
        [application]
        name = "entry"
        version = "0.1.0"
        [[trigger.http]]
        route = "/start"
        component = "e"
        [[trigger.http]]
        route = "/alt"
        component = "e"
        executor = { type = "wagi", entrypoint = "alt" }
        [component.e]
        source = "entrypoints.wasm"
        """,
        GatewayConfig.defaults());
    assertThat(get("/start")).isEqualTo("200 start");
    assertThat(get("/alt")).isEqualTo("200 alt");
    assertThat(engine.stats().compilations()).as("one module, compiled once").isEqualTo(1);
  }

  @Test
  void whenEveryGuestSlotIsBusyANewRequestGets503WithRetryAfter() throws Exception {
    serve(
        "loop",
        """
        wasmlet_manifest_version = 1
        [application]
        name = "busy"
        version = "0.1.0"
        [[trigger.http]]
        route = "/loop"
        component = "loop"
        [component.loop]
        source = "loop.wasm"
        [component.loop.limits]
        timeout = "2s"
        """,
        GatewayConfig.defaults()
            .withGuestSlots(1)
            .withQueueTimeout(java.time.Duration.ofMillis(200)));
    HttpClient http = HttpClient.newHttpClient();
    URI loop = URI.create("http://127.0.0.1:" + gateway.port() + "/loop");
    var first =
        http.sendAsync(HttpRequest.newBuilder(loop).build(), HttpResponse.BodyHandlers.ofString());
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> gateway.guestsRunning() == 1);
    HttpResponse<String> second =
        http.send(HttpRequest.newBuilder(loop).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(second.body()).contains("request id: ");
    assertThat(first.get().statusCode())
        .as("the running guest still ends at its timeout")
        .isEqualTo(504);
  }
}
