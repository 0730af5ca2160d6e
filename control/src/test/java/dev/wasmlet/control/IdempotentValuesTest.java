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

/**
 * Setting a variable or secret to the value it has changes nothing: no version, no revision (a
 * Kubernetes operator that lost its memory of what it set, a new leader, sets values again).
 */
class IdempotentValuesTest {
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

  private JsonNode put(String kind, String name, String value) {
    TestAdmin.Reply r =
        admin.call(
            "PUT", "/api/v1/apps/shop/" + kind + "/" + name, "{\"value\":\"" + value + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private int revisions() {
    return admin.call("GET", "/api/v1/apps/shop/revisions", null).json().get("revisions").size();
  }

  private int secretVersion() {
    return admin
        .call("GET", "/api/v1/apps/shop/secrets", null)
        .json()
        .get("secrets")
        .get(0)
        .get("version")
        .asInt();
  }

  @Test
  void aValueSetAgainMakesNoVersionAndNoRevisionAndANewOneDoes() throws Exception {
    assertThat(put("secrets", "token", "s3cret-1").get("changed").asBoolean()).isTrue();
    assertThat(put("secrets", "token", "s3cret-1").get("changed").asBoolean()).isFalse();
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.withVariables(tmp), null), Duration.ofSeconds(30));
    int version = secretVersion();
    assertThat(revisions()).isEqualTo(1);

    JsonNode same = put("secrets", "token", "s3cret-1");
    assertThat(same.get("changed").asBoolean()).isFalse();
    assertThat(same.get("rollout").isNull()).isTrue();
    assertThat(same.toString()).doesNotContain("s3cret");
    assertThat(secretVersion()).isEqualTo(version);
    assertThat(revisions()).isEqualTo(1);

    JsonNode other = put("secrets", "token", "s3cret-2");
    assertThat(other.get("changed").asBoolean()).isTrue();
    assertThat(other.get("rollout").get("revision").asInt()).isEqualTo(2);
    assertThat(secretVersion()).isEqualTo(version + 1);

    assertThat(put("vars", "version", "a").get("changed").asBoolean()).isTrue();
    assertThat(revisions()).isEqualTo(3);
    JsonNode again = put("vars", "version", "a");
    assertThat(again.get("changed").asBoolean()).isFalse();
    assertThat(again.get("rollout").isNull()).isTrue();
    assertThat(revisions()).isEqualTo(3);
  }
}
