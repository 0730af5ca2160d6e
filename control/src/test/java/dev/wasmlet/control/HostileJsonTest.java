package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.TestAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON bodies built to hurt the parser get a 400 naming the limit, and the server carries on. */
class HostileJsonTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;

  @BeforeEach
  void start() throws IOException {
    server =
        WasmletServer.start(
            ServerConfig.builder()
                .withDataDir(tmp.resolve("data"))
                .withListen("127.0.0.1", 0)
                .withAdminListen("127.0.0.1", 0)
                .withProbeInterval(Duration.ofMillis(200))
                .build());
    admin =
        new TestAdmin(
            "http://127.0.0.1:" + server.adminPort(), Files.readString(server.tokenFile()).trim());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void assertLimitProblem(String body) throws IOException {
    TestAdmin.Reply r = admin.call("POST", "/api/v1/apps/x/deployments", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText())
        .isEqualTo(
            "the JSON body is over a limit: it may nest at most 64 levels deep and a number may"
                + " have at most 100 digits");
  }

  @Test
  void aBodyNested1001LevelsDeepIsA400NamingTheLimit() throws IOException {
    assertLimitProblem("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}");
    assertLimitProblem("{\"a\":" + "{\"b\":".repeat(200) + "1" + "}".repeat(200) + "}");
  }

  @Test
  void aNumberWith1001DigitsIsA400NamingTheLimit() throws IOException {
    assertLimitProblem(
        "{\"manifest\":\"wasmlet.toml\",\"files\":{},\"n\":" + "9".repeat(1001) + "}");
    assertLimitProblem("{\"n\":1." + "5".repeat(1001) + "}");
  }

  @Test
  void theServerStillAnswersAfterwards() throws IOException {
    assertLimitProblem("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
    assertThat(admin.call("GET", "/api/v1/apps", null).status()).isEqualTo(200);
    TestAdmin.Reply broken = admin.call("POST", "/api/v1/apps/x/deployments", "{\"a\":");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().get("detail").asText()).startsWith("the body is not valid JSON: ");
  }
}
