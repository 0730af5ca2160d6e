package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A canary's steps each held for their own pause (a WasmApp's canary steps), on a real server. */
class CanaryPausesTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;

  @BeforeEach
  void start() throws IOException {
    server = TestServers.start(tmp.resolve("data"));
    admin = TestServers.admin(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachStepLastsItsOwnPauseNotTheInterval() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    JsonNode rollout =
        admin.deploy(
            "shop",
            TestApps.marker(tmp, "v2"),
            "{\"strategy\":{\"type\":\"canary\",\"steps\":[20,60,100],\"stepInterval\":\"10m\","
                + "\"stepPauses\":[\"300ms\",\"1s\"]}}");
    assertThat(rollout.get("strategy").get("stepPauses").toString())
        .isEqualTo("[\"300ms\",\"1s\"]");
    // With the 10-minute interval this would not finish within the wait.
    JsonNode done = admin.awaitRollout("shop", rollout, Duration.ofSeconds(60));
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    assertThat(done.get("percent").asInt()).isEqualTo(100);
  }

  @Test
  void pausesMustBeOnePerStepBelowAHundred() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    var body = TestAdmin.JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    body.set("files", admin.upload(TestApps.marker(tmp, "v2")));
    body.set(
        "strategy",
        TestAdmin.JSON.readTree(
            "{\"type\":\"canary\",\"steps\":[20,60,100],\"stepPauses\":[\"1s\"]}"));
    TestAdmin.Reply r =
        admin.call(
            "POST", "/api/v1/apps/shop/deployments", TestAdmin.JSON.writeValueAsString(body));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText())
        .contains("\"strategy.stepPauses\" must give one duration per step below 100 (2 for steps");
  }
}
