package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.TestAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wasi:http component app on {@code wasmlet server}: deployed as a revision, served with a fresh
 * instance per request (the counter stays at 1), and a revision whose component does not link is
 * refused with the interface's name while the previous one keeps serving.
 */
class ComponentRevisionTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = TestServers.start(tmp.resolve("data"));
    admin = TestServers.admin(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.gatewayPort() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A copy of examples/counter-component, its component's bytes passed through {@code edit}. */
  private Path counterApp(String name, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    Path example = Path.of("..", "examples", "counter-component");
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.copy(example.resolve("wasmlet.toml"), dir.resolve("wasmlet.toml"));
    String wasm =
        new String(
            Files.readAllBytes(example.resolve("counter.wasm")), StandardCharsets.ISO_8859_1);
    Files.write(
        dir.resolve("counter.wasm"), edit.apply(wasm).getBytes(StandardCharsets.ISO_8859_1));
    return dir;
  }

  @Test
  void aComponentRevisionServesAFreshInstancePerRequest() throws Exception {
    assertThat(
            admin
                .awaitRollout(
                    "cnt",
                    admin.deploy("cnt", counterApp("v1", s -> s), null),
                    Duration.ofSeconds(60))
                .get("state")
                .asText())
        .isEqualTo("succeeded");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = get("/cnt/count");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("count=1");
    }
  }

  @Test
  void aRevisionWhoseComponentDoesNotLinkIsRefusedAndTheOldOneServes() throws Exception {
    admin.awaitRollout(
        "cnt", admin.deploy("cnt", counterApp("v1", s -> s), null), Duration.ofSeconds(60));
    Path broken =
        counterApp("broken", s -> s.replace("wasi:http/types@0.2.12", "wasi:http/typez@0.2.12"));
    String failure;
    try {
      admin.deploy("cnt", broken, null);
      failure = "accepted";
    } catch (AssertionError e) {
      failure = e.getMessage();
    }
    assertThat(failure).startsWith("deploy failed: 422").contains("wasi:http/typez@0.2.12");
    assertThat(get("/cnt/count").body()).contains("count=1");
    assertThat(admin.call("GET", "/api/v1/apps/cnt/revisions", null).json().get("revisions").size())
        .isEqualTo(1);
  }
}
