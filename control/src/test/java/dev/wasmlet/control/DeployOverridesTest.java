package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deployment's {@code overrides}: routes and limits over the manifest's (how the Kubernetes
 * operator applies a WasmApp's spec.routes and spec.limits to a signed artifact), on a real server.
 */
class DeployOverridesTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    start(tmp.resolve("data"));
  }

  private void start(Path data) throws IOException {
    server = TestServers.start(data);
    admin = TestServers.admin(server);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.gatewayPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void deploy(String overrides) throws IOException {
    JsonNode rollout =
        admin.deploy("shop", TestApps.marker(tmp, "v1"), "{\"overrides\":" + overrides + "}");
    assertThat(admin.awaitRollout("shop", rollout, LIMIT).get("state").asText())
        .isEqualTo("succeeded");
  }

  @Test
  void routesAndLimitsReplaceTheManifestsAndSurviveARestart() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(2048) + "\"}";
    admin.awaitRollout("shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), LIMIT);
    assertThat(send("GET", "/shop/api/items", null).statusCode())
        .as("the manifest's route /api/...")
        .isEqualTo(200);
    assertThat(send("GET", "/shop/v2/items", null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/shop/api/items", big).statusCode()).isNotEqualTo(413);

    deploy("{\"routes\":[{\"route\":\"/v2/...\"}],\"limits\":{\"maxRequestBody\":\"1KiB\"}}");
    assertServesTheOverrides(big);
    JsonNode rev = admin.call("GET", "/api/v1/apps/shop/revisions/2", null).json();
    assertThat(rev.get("overrides").toString())
        .isEqualTo(
            "{\"routes\":[{\"route\":\"/v2/...\"}],\"limits\":{\"maxRequestBody\":\"1KiB\"}}");

    Path data = server.config().dataDir();
    server.close();
    start(data);
    assertServesTheOverrides(big);
  }

  private void assertServesTheOverrides(String big) throws Exception {
    HttpResponse<String> items = send("GET", "/shop/v2/items", null);
    assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
    assertThat(items.body()).contains("\"api_version\":\"v1\"");
    assertThat(send("GET", "/shop/api/items", null).statusCode())
        .as("the manifest's own route is replaced")
        .isEqualTo(404);
    assertThat(send("POST", "/shop/v2/items", big).statusCode()).isEqualTo(413);
  }

  @Test
  void overridesAreOwnRevisionsAndTheirAbsenceKeepsTheDigest() throws Exception {
    JsonNode first = admin.deploy("shop", TestApps.marker(tmp, "v1"), null);
    admin.awaitRollout("shop", first, LIMIT);
    deploy("{\"limits\":{\"timeout\":\"5s\"}}");
    JsonNode r1 = admin.call("GET", "/api/v1/apps/shop/revisions/1", null).json();
    JsonNode r2 = admin.call("GET", "/api/v1/apps/shop/revisions/2", null).json();
    assertThat(r1.has("overrides")).isFalse();
    assertThat(r2.get("overrides").toString()).isEqualTo("{\"limits\":{\"timeout\":\"5s\"}}");
    assertThat(r2.get("digest").asText()).isNotEqualTo(r1.get("digest").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5 | 400 | \"overrides\" must be an object",
        "{\"hosts\":[]} | 400 | \"overrides\" has an unknown field \"hosts\"",
        "{\"routes\":{}} | 400 | \"overrides.routes\" must be a list",
        "{\"routes\":[{\"path\":\"/x\"}]} | 400 | \"overrides.routes[0]\" must be an object with a"
            + " \"route\" string",
        "{\"routes\":[{\"route\":\"/x\",\"component\":7}]} | 400 | \"overrides.routes[0].component\"",
        "{\"routes\":[{\"route\":\"/x\",\"component\":\"db\"}]} | 422 | wasmlet.toml: override routes[0] (/x): the"
            + " app has no component \"db\"; its components are [api]",
        "{\"limits\":{\"cpu\":\"1\"}} | 400 | \"overrides.limits.cpu\" is not a limit",
        "{\"limits\":{\"maxMemory\":\"100KiB\"}} | 422 | wasmlet.toml: the deployment's overrides: limits.max_memory \"100KiB\" is not a multiple"
            + " of 64KiB",
        "{\"limits\":{\"timeout\":\"2h\"}} | 422 | limits.timeout \"2h\" is not a duration"
      })
  void badOverridesAreRefusedNamingTheFieldAndDeployNothing(
      String overrides, int status, String detail) throws Exception {
    ObjectNode body = TestAdmin.JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    body.set("files", admin.upload(TestApps.marker(tmp, "v1")));
    body.set("overrides", TestAdmin.JSON.readTree(overrides));
    TestAdmin.Reply r =
        admin.call(
            "POST", "/api/v1/apps/shop/deployments", TestAdmin.JSON.writeValueAsString(body));
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("detail").asText()).contains(detail);
    assertThat(admin.call("GET", "/api/v1/apps/shop", null).status()).isEqualTo(404);
  }
}
