package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revision runs only the files deployed with it, and only as they were when it was deployed: a
 * manifest cannot reach the server's own files, and a module changed on disk is refused at load.
 */
class RevisionConfinementTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = start(tmp.resolve("data"));
    admin = admin(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static WasmletServer start(Path data) {
    return TestServers.start(data);
  }

  private static TestAdmin admin(WasmletServer s) throws IOException {
    return TestServers.admin(s);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.gatewayPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Deploys the marker app with its manifest's source replaced; answers the API's reply. */
  private TestAdmin.Reply deployWithSource(String source) throws IOException {
    Path app = TestApps.marker(tmp, "v1");
    Files.writeString(
        app.resolve("wasmlet.toml"),
        Files.readString(app.resolve("wasmlet.toml"))
            .replace("source = \"app.wasm\"", "source = \"" + source + "\""));
    ObjectNode body = TestAdmin.JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    body.set("files", admin.upload(app));
    return admin.call(
        "POST", "/api/v1/apps/x/deployments", TestAdmin.JSON.writeValueAsString(body));
  }

  @Test
  void aManifestCannotRunAModuleFromTheServersOwnFiles() throws Exception {
    // A real module on the host, outside anything uploaded: the reproduction of the issue.
    Path host = tmp.resolve("host.wasm");
    Files.copy(TestApps.root().resolve("examples/hello-c/hello.wasm"), host);
    TestAdmin.Reply absolute = deployWithSource(host.toString());
    TestAdmin.Reply missing = deployWithSource(tmp.resolve("missing.wasm").toString());
    TestAdmin.Reply dotdot = deployWithSource("../../../host.wasm");

    for (TestAdmin.Reply r : new TestAdmin.Reply[] {absolute, missing, dotdot}) {
      assertThat(r.status()).as(r.body()).isEqualTo(422);
      assertThat(r.json().get("detail").asText())
          .contains("is not one of the app's files")
          .doesNotContain("does not exist")
          .doesNotContain("not a WebAssembly module");
    }
    assertThat(absolute.json().get("detail").asText().replace(host.toString(), "P"))
        .as("an existing and a missing host file are refused alike")
        .isEqualTo(
            missing
                .json()
                .get("detail")
                .asText()
                .replace(tmp.resolve("missing.wasm").toString(), "P"));
    assertThat(admin.call("GET", "/api/v1/apps", null).body()).doesNotContain("\"x\"");
    assertThat(get("/x/").statusCode()).isEqualTo(404);
  }

  @Test
  void aModuleChangedOnDiskAfterTheDeployIsNotServedAfterARestart() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    assertThat(get("/shop/api/items").body()).contains("\"v1\"");
    Path data = server.config().dataDir();
    server.close();
    Path module;
    try (Stream<Path> files = Files.walk(data.resolve("revisions/shop"))) {
      module =
          files
              .filter(p -> p.getFileName().toString().equals("app.wasm"))
              .findFirst()
              .orElseThrow();
    }
    Files.copy(
        TestApps.root().resolve("examples/hello-c/hello.wasm"),
        module,
        StandardCopyOption.REPLACE_EXISTING);

    server = start(data);
    admin = admin(server);

    HttpResponse<String> r = get("/shop/api/items");
    assertThat(r.body()).doesNotContain("Hello from Wasmlet");
    assertThat(r.statusCode()).isNotEqualTo(200);
    assertThat(admin.call("GET", "/api/v1/apps/shop/logs", null).body())
        .contains("module is sha256:")
        .contains("but the revision recorded sha256:");
  }
}
