package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server in this JVM, driven over real HTTP on loopback. */
class ServerTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = start(tmp.resolve("data"));
    admin = admin(server);
  }

  private static WasmletServer start(Path data) {
    return WasmletServer.start(
        ServerConfig.builder()
            .withDataDir(data)
            .withListen("127.0.0.1", 0)
            .withAdminListen("127.0.0.1", 0)
            .withMaxUpload(4 * 1024 * 1024)
            .withProbeInterval(Duration.ofMillis(200))
            .withDrainGrace(Duration.ofSeconds(5))
            .build());
  }

  private static TestAdmin admin(WasmletServer s) throws IOException {
    String token = Files.readString(s.tokenFile()).trim();
    return new TestAdmin("http://127.0.0.1:" + s.adminPort(), token);
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
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void firstStartWritesAPrivateTokenAndKey() throws IOException {
    assertThat(server.initialToken()).isPresent();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.tokenFile())))
        .isEqualTo("rw-------");
    Path key = server.config().dataDir().resolve("secret.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void deployServesTheAppUnderItsPrefixAndRecordsAnImmutableRevision() throws Exception {
    JsonNode rollout = admin.deploy("shop", TestApps.marker(tmp, "v1"), null);
    assertThat(admin.awaitRollout("shop", rollout, Duration.ofSeconds(30)).get("state").asText())
        .isEqualTo("succeeded");
    HttpResponse<String> res = get("/shop/api/items");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("\"api_version\":\"v1\"");
    assertThat(get("/other/api/items").statusCode()).isEqualTo(404);
    JsonNode rev = admin.call("GET", "/api/v1/apps/shop/revisions/1", null).json();
    assertThat(rev.get("state").asText()).isEqualTo("active");
    assertThat(rev.get("percent").asInt()).isEqualTo(100);
    assertThat(rev.get("digest").asText()).startsWith("sha256:");
    assertThat(rev.get("components").get(0).get("sha256").asText()).startsWith("sha256:");
  }

  @Test
  void rollbackAndTrafficSplitMoveBetweenRetainedRevisions() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v2"), null), Duration.ofSeconds(30));
    assertThat(get("/shop/api/items").body()).contains("\"v2\"");

    JsonNode back =
        admin.awaitRollout(
            "shop",
            admin.call("POST", "/api/v1/apps/shop/rollback", "{}").json(),
            Duration.ofSeconds(30));
    assertThat(back.get("state").asText()).isEqualTo("succeeded");
    assertThat(back.get("revision").asInt()).isEqualTo(1);
    assertThat(get("/shop/api/items").body()).contains("\"v1\"");

    TestAdmin.Reply split =
        admin.call("PUT", "/api/v1/apps/shop/traffic", "{\"split\":{\"1\":50,\"2\":50}}");
    assertThat(split.status()).isEqualTo(200);
    int v1 = 0;
    int v2 = 0;
    for (int i = 0; i < 200; i++) {
      String body = get("/shop/api/items").body();
      v1 += body.contains("\"v1\"") ? 1 : 0;
      v2 += body.contains("\"v2\"") ? 1 : 0;
    }
    assertThat(v1 + v2).isEqualTo(200);
    assertThat(v1).isBetween(50, 150);
    assertThat(v2).isBetween(50, 150);
  }

  @Test
  void badCanaryIsRolledBackAutomaticallyAndTheReasonRecorded() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    JsonNode canary =
        admin.deploy(
            "shop",
            TestApps.trapping(tmp),
            "{\"strategy\":{\"type\":\"canary\",\"steps\":[50,100],\"stepInterval\":\"20s\","
                + "\"minRequests\":10,\"maxErrorRate\":0.1}}");
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        load.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    get("/shop/api/items");
                  }
                  return null;
                }));
      }
      JsonNode done = admin.awaitRollout("shop", canary, Duration.ofSeconds(40));
      for (Future<?> f : load) {
        f.get();
      }
      assertThat(done.get("state").asText()).isEqualTo("rolled-back");
      assertThat(done.get("message").asText())
          .contains("rolled back automatically to revision 1")
          .contains("5xx rate");
    } finally {
      clients.shutdownNow();
    }
    JsonNode bad = admin.call("GET", "/api/v1/apps/shop/revisions/2", null).json();
    assertThat(bad.get("state").asText()).isEqualTo("rolled-back");
    assertThat(bad.get("reason").asText()).contains("5xx rate").contains("over the limit of 10.0%");
    for (int i = 0; i < 20; i++) {
      assertThat(get("/shop/api/items").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aCanaryWhoseP99BreaksItsLimitIsRolledBack() throws Exception {
    admin.awaitRollout(
        "svc", admin.deploy("svc", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    Path slowish = TestApps.root().resolve("control/src/test/resources/apps/slowish");
    JsonNode canary =
        admin.deploy(
            "svc",
            slowish,
            "{\"strategy\":{\"type\":\"canary\",\"steps\":[50,100],\"stepInterval\":\"20s\","
                + "\"minRequests\":5,\"maxP99\":\"100ms\"}}");
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        load.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < 30; i++) {
                    get("/svc/api/items");
                  }
                  return null;
                }));
      }
      JsonNode done = admin.awaitRollout("svc", canary, Duration.ofSeconds(40));
      for (Future<?> f : load) {
        f.get();
      }
      assertThat(done.get("state").asText()).isEqualTo("rolled-back");
      assertThat(done.get("message").asText()).contains("p99 latency").contains("limit of 100 ms");
    } finally {
      clients.shutdownNow();
    }
    assertThat(get("/svc/api/items").body()).contains("\"v1\"");
  }

  @Test
  void onlyTheConfiguredNumberOfRevisionsIsKept() throws Exception {
    server.close();
    server =
        WasmletServer.start(
            ServerConfig.builder()
                .withDataDir(tmp.resolve("history"))
                .withListen("127.0.0.1", 0)
                .withAdminListen("127.0.0.1", 0)
                .withHistory(2)
                .build());
    admin = admin(server);
    for (int v = 1; v <= 4; v++) {
      assertThat(
              admin
                  .awaitRollout(
                      "shop",
                      admin.deploy("shop", TestApps.marker(tmp, "v" + v), null),
                      Duration.ofSeconds(30))
                  .get("state")
                  .asText())
          .isEqualTo("succeeded");
    }
    JsonNode revs = admin.call("GET", "/api/v1/apps/shop/revisions", null).json().get("revisions");
    assertThat(revs.size()).isEqualTo(2);
    assertThat(revs.get(0).get("number").asInt()).isEqualTo(4);
    assertThat(revs.get(1).get("number").asInt()).isEqualTo(3);
    try (Stream<Path> dirs = Files.list(tmp.resolve("history/revisions/shop"))) {
      assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("3", "4");
    }
    assertThat(get("/shop/api/items").body()).contains("\"v4\"");
  }

  @Test
  void aRevisionWhoseHealthRouteFailsNeverGetsTraffic() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    JsonNode done =
        admin.awaitRollout(
            "shop",
            admin.deploy("shop", TestApps.failingHealth(tmp), null),
            Duration.ofSeconds(30));
    assertThat(done.get("state").asText()).isEqualTo("failed");
    assertThat(done.get("message").asText())
        .contains("not ready: health check /health")
        .contains("trapped");
    JsonNode rev = admin.call("GET", "/api/v1/apps/shop/revisions/2", null).json();
    assertThat(rev.get("state").asText()).isEqualTo("failed");
    assertThat(rev.get("healthRoute").asText()).isEqualTo("/health");
    assertThat(get("/shop/api/items").body()).contains("\"v1\"");
  }

  @Test
  void aRevisionThatTurnsUnhealthyAfterItsRolloutLosesItsTrafficToTheLastHealthyOne()
      throws Exception {
    admin.awaitRollout(
        "svc",
        admin.deploy("svc", TestApps.marker(tmp, "v1"), "{\"routing\":{\"prefix\":\"/svc\"}}"),
        Duration.ofSeconds(30));
    long failAt = System.currentTimeMillis() * 1_000_000L + 2_000_000_000L;
    admin.call("PUT", "/api/v1/apps/svc/vars/fail_after_ns", "{\"value\":\"" + failAt + "\"}");
    Path flaky = TestApps.root().resolve("control/src/test/resources/apps/flaky");
    JsonNode done =
        admin.awaitRollout("svc", admin.deploy("svc", flaky, null), Duration.ofSeconds(30));
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    assertThat(get("/svc/anything").body()).contains("flaky ok");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin
                    .call("GET", "/api/v1/apps/svc/revisions/2", null)
                    .json()
                    .get("state")
                    .asText()
                    .equals("rolled-back"));
    JsonNode rev = admin.call("GET", "/api/v1/apps/svc/revisions/2", null).json();
    assertThat(rev.get("reason").asText()).contains("health check /health failed 3 times in a row");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/svc/api/items").body().contains("\"api_version\":\"v1\""));
    assertThat(admin.call("GET", "/api/v1/apps/svc", null).json().get("traffic").toString())
        .isEqualTo("[{\"revision\":1,\"percent\":100}]");
    assertThat(admin.call("GET", "/api/v1/apps/svc/logs", null).body())
        .contains("\"source\":\"health\"");
  }

  @Test
  void aRevisionThatCannotStartGetsNoTraffic() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    Path broken = TestApps.marker(tmp, "broken");
    // A module whose initial memory is over its limit: it compiles, but no instance can be built.
    Files.writeString(
        broken.resolve("wasmlet.toml"),
        Files.readString(broken.resolve("wasmlet.toml"))
            + "[component.api.limits]\nmax_memory = \"64KiB\"\n");
    TestAdmin.Reply r = deployReply("shop", broken);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("detail").asText()).contains("component \"api\"");
    assertThat(get("/shop/api/items").body()).contains("\"v1\"");
    assertThat(
            admin.call("GET", "/api/v1/apps/shop/revisions", null).json().get("revisions").size())
        .isEqualTo(1);
  }

  private TestAdmin.Reply deployReply(String app, Path dir) throws IOException {
    try {
      admin.deploy(app, dir, null);
      throw new AssertionError("deploy was accepted");
    } catch (AssertionError e) {
      if (e.getMessage().equals("deploy was accepted")) {
        throw e;
      }
      String m = e.getMessage();
      int status =
          Integer.parseInt(m.substring("deploy failed: ".length(), "deploy failed: ".length() + 3));
      return new TestAdmin.Reply(status, m.substring("deploy failed: ".length() + 4), null);
    }
  }

  @Test
  void everyEndpointNeedsAValidTokenAndRevokedTokensStopWorking() throws Exception {
    String[][] endpoints = {
      {"GET", "/api/v1/apps"},
      {"GET", "/api/v1/apps/x"},
      {"DELETE", "/api/v1/apps/x"},
      {"POST", "/api/v1/apps/x/deployments"},
      {"GET", "/api/v1/apps/x/rejections"},
      {"POST", "/api/v1/apps/x/admission-reviews"},
      {"GET", "/api/v1/apps/x/revisions"},
      {"GET", "/api/v1/apps/x/revisions/1"},
      {"GET", "/api/v1/apps/x/rollouts/1"},
      {"POST", "/api/v1/apps/x/rollback"},
      {"PUT", "/api/v1/apps/x/traffic"},
      {"GET", "/api/v1/apps/x/vars"},
      {"PUT", "/api/v1/apps/x/vars/a"},
      {"DELETE", "/api/v1/apps/x/vars/a"},
      {"GET", "/api/v1/apps/x/secrets"},
      {"PUT", "/api/v1/apps/x/secrets/a"},
      {"DELETE", "/api/v1/apps/x/secrets/a"},
      {"GET", "/api/v1/apps/x/logs"},
      {"HEAD", "/api/v1/blobs/sha256:" + "0".repeat(64)},
      {"PUT", "/api/v1/blobs/sha256:" + "0".repeat(64)},
      {"GET", "/api/v1/status"},
      {"GET", "/api/v1/tokens"},
      {"POST", "/api/v1/tokens"},
      {"DELETE", "/api/v1/tokens/t1"},
      {"GET", "/metrics"},
    };
    JsonNode created = admin.call("POST", "/api/v1/tokens", "{\"name\":\"ci\"}").json();
    String ci = created.get("token").asText();
    assertThat(admin.callAs(ci, "GET", "/api/v1/apps", null).status()).isEqualTo(200);
    assertThat(admin.call("DELETE", "/api/v1/tokens/" + created.get("id").asText(), null).status())
        .isEqualTo(204);
    for (String[] e : endpoints) {
      for (String bearer : new String[] {null, "wl_not-a-token", ci}) {
        TestAdmin.Reply r = admin.callAs(bearer, e[0], e[1], "{}");
        assertThat(r.status()).as(e[0] + " " + e[1] + " with " + bearer).isEqualTo(401);
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).isPresent();
      }
    }
    assertThat(admin.callAs(null, "GET", "/api/v1/openapi.json", null).status()).isEqualTo(200);
    assertThat(admin.callAs(null, "GET", "/healthz", null).status()).isEqualTo(200);
    assertThat(admin.callAs(null, "GET", "/readyz", null).status()).isEqualTo(200);
    JsonNode tokens = admin.call("GET", "/api/v1/tokens", null).json();
    assertThat(tokens.toString()).doesNotContain(ci).doesNotContain(server.initialToken().get());
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() {
    JsonNode doc = admin.callAs(null, "GET", "/api/v1/openapi.json", null).json();
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    String[][] routes = {
      {"get", "/healthz"},
      {"get", "/readyz"},
      {"get", "/metrics"},
      {"get", "/api/v1/status"},
      {"head", "/api/v1/blobs/{digest}"},
      {"put", "/api/v1/blobs/{digest}"},
      {"get", "/api/v1/apps"},
      {"get", "/api/v1/apps/{app}"},
      {"delete", "/api/v1/apps/{app}"},
      {"post", "/api/v1/apps/{app}/deployments"},
      {"get", "/api/v1/apps/{app}/rejections"},
      {"post", "/api/v1/apps/{app}/admission-reviews"},
      {"get", "/api/v1/apps/{app}/rollouts/{id}"},
      {"get", "/api/v1/apps/{app}/revisions"},
      {"get", "/api/v1/apps/{app}/revisions/{n}"},
      {"post", "/api/v1/apps/{app}/rollback"},
      {"put", "/api/v1/apps/{app}/traffic"},
      {"get", "/api/v1/apps/{app}/vars"},
      {"put", "/api/v1/apps/{app}/vars/{name}"},
      {"delete", "/api/v1/apps/{app}/vars/{name}"},
      {"get", "/api/v1/apps/{app}/secrets"},
      {"put", "/api/v1/apps/{app}/secrets/{name}"},
      {"delete", "/api/v1/apps/{app}/secrets/{name}"},
      {"get", "/api/v1/apps/{app}/logs"},
      {"get", "/api/v1/apps/{app}/key-value/{store}"},
      {"put", "/api/v1/apps/{app}/key-value/{store}"},
      {"delete", "/api/v1/apps/{app}/key-value/{store}"},
      {"post", "/api/v1/apps/{app}/sqlite/{database}"},
      {"get", "/api/v1/tokens"},
      {"post", "/api/v1/tokens"},
      {"delete", "/api/v1/tokens/{id}"},
      {"get", "/api/v1/openapi.json"},
    };
    for (String[] r : routes) {
      assertThat(doc.get("paths").get(r[1])).as(r[1]).isNotNull();
      assertThat(doc.get("paths").get(r[1]).get(r[0])).as(r[0] + " " + r[1]).isNotNull();
    }
  }

  @Test
  void secretsReachOnlyTheGuestNeverTheApiOrLogs() throws Exception {
    String value = "s3cr3t-" + Long.toHexString(System.nanoTime());
    assertThat(
            admin
                .call("PUT", "/api/v1/apps/vault/secrets/token", "{\"value\":\"" + value + "\"}")
                .status())
        .isEqualTo(200);
    admin.awaitRollout(
        "vault", admin.deploy("vault", TestApps.withSecret(tmp), null), Duration.ofSeconds(30));
    assertThat(get("/vault/api/items").body()).contains("\"api_version\":\"" + value + "\"");
    // Rotating the secret rolls out a new revision that sees the new value.
    JsonNode rotated =
        admin
            .call("PUT", "/api/v1/apps/vault/secrets/token", "{\"value\":\"" + value + "-2\"}")
            .json();
    assertThat(rotated.get("rollout").isNull()).isFalse();
    admin.awaitRollout("vault", rotated.get("rollout"), Duration.ofSeconds(30));
    assertThat(get("/vault/api/items").body()).contains("\"api_version\":\"" + value + "-2\"");

    // Removing a secret the app requires is refused, and nothing changes.
    TestAdmin.Reply refused = admin.call("DELETE", "/api/v1/apps/vault/secrets/token", null);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("detail").asText()).contains("token");
    assertThat(admin.call("GET", "/api/v1/apps/vault/secrets", null).json().get("secrets").size())
        .isEqualTo(1);
    assertThat(get("/vault/api/items").body()).contains("\"api_version\":\"" + value + "-2\"");
    admin.call("GET", "/api/v1/apps/vault", null);
    admin.call("GET", "/api/v1/apps/vault/secrets", null);
    admin.call("GET", "/api/v1/apps/vault/revisions", null);
    admin.call("GET", "/api/v1/apps/vault/logs", null);
    admin.call("GET", "/api/v1/apps", null);
    admin.call("GET", "/metrics", null);
    admin.call("PUT", "/api/v1/apps/vault/secrets/token", "{\"value\": " + value + "}");
    assertThat(admin.transcript()).doesNotContain(value);
    JsonNode secrets = admin.call("GET", "/api/v1/apps/vault/secrets", null).json();
    assertThat(secrets.get("secrets").get(0).get("version").asInt()).isEqualTo(2);
    try (Stream<Path> files = Files.walk(server.config().dataDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(value);
      }
    }
  }

  @Test
  void badApiInputIsRefusedWithAMessageAndStoresNothing() throws Exception {
    assertProblem(
        admin.call("POST", "/api/v1/apps/shop/deployments", "{not json"), 400, "not valid JSON");
    assertProblem(admin.call("GET", "/api/v1/apps/nope", null), 404, "no app named \"nope\"");
    assertProblem(admin.call("GET", "/api/v1/apps/a%2Fb", null), 400, "may not contain '/'");
    assertProblem(admin.call("GET", "/api/v1/apps/a%01b", null), 400, "\\u0001");
    assertProblem(
        admin.call("PUT", "/api/v1/apps/shop/vars/Bad-Name", "{\"value\":\"x\"}"),
        400,
        "variable name");
    assertProblem(
        admin.call(
            "POST",
            "/api/v1/apps/shop/deployments",
            "{\"manifest\":\"wasmlet.toml\",\"files\":{\"../x\":\"sha256:"
                + "0".repeat(64)
                + "\"}}"),
        400,
        "is not allowed");
    assertProblem(
        admin.call(
            "POST",
            "/api/v1/apps/shop/deployments",
            "{\"manifest\":\"wasmlet.toml\",\"files\":{\"wasmlet.toml\":\"sha256:"
                + "0".repeat(64)
                + "\"}}"),
        400,
        "was not uploaded");
    byte[] big = new byte[4 * 1024 * 1024 + 1];
    assertProblem(
        admin.putBytes("/api/v1/blobs/" + TestAdmin.digest(big), big), 413, "upload limit");
    assertProblem(
        admin.putBytes("/api/v1/blobs/" + TestAdmin.digest(new byte[] {1}), new byte[] {2}),
        400,
        "hash to");
    Path notWasm = TestApps.marker(tmp, "garbage");
    Files.writeString(notWasm.resolve("app.wasm"), "this is not wasm");
    TestAdmin.Reply invalid = deployReply("shop", notWasm);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body()).contains("app.wasm").doesNotContain(tmp.toString());

    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    assertProblem(
        admin.call("PUT", "/api/v1/apps/shop/traffic", "{\"split\":{\"1\":60}}"), 400, "sum to 60");
    assertProblem(
        admin.call("PUT", "/api/v1/apps/shop/traffic", "{\"split\":{\"1\":50,\"9\":50}}"),
        404,
        "no revision 9");
    assertProblem(
        admin.call("POST", "/api/v1/apps/shop/rollback", "{\"to\":7}"), 404, "no revision 7");
    assertProblem(admin.call("GET", "/api/v1/apps/shop/revisions/7", null), 404, "no revision 7");

    JsonNode apps = admin.call("GET", "/api/v1/apps", null).json();
    assertThat(apps.get("apps").size()).isEqualTo(1);
    assertThat(
            admin.call("GET", "/api/v1/apps/shop/revisions", null).json().get("revisions").size())
        .isEqualTo(1);
    try (Stream<Path> revs = Files.list(server.config().dataDir().resolve("revisions"))) {
      assertThat(revs.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(".tmp", "shop");
    }
    try (Stream<Path> staged = Files.list(server.config().dataDir().resolve("revisions/.tmp"))) {
      assertThat(staged.toList()).isEmpty();
    }
  }

  private static void assertProblem(TestAdmin.Reply r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("detail").asText()).contains(detail);
    assertThat(
            r.raw() == null
                || r.raw()
                    .headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .equals("application/problem+json"))
        .isTrue();
  }

  @Test
  void aSaturatedAppAnswers503WithRetryAfterAndOtherAppsStillServe() throws Exception {
    admin.awaitRollout(
        "slow",
        admin.deploy(
            "slow",
            TestApps.looping(tmp, "2s"),
            "{\"admission\":{\"maxConcurrency\":1,\"maxQueue\":1}}"),
        Duration.ofSeconds(30));
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    ExecutorService clients = Executors.newFixedThreadPool(20);
    try {
      List<Future<HttpResponse<String>>> slow = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        slow.add(clients.submit(() -> get("/slow/api/x")));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> slow.stream().filter(Future::isDone).count() >= 18);
      assertThat(get("/shop/api/items").statusCode()).isEqualTo(200);
      int rejected = 0;
      for (Future<HttpResponse<String>> f : slow) {
        HttpResponse<String> r = f.get();
        if (r.statusCode() == 503) {
          rejected++;
          assertThat(r.headers().firstValue("Retry-After")).contains("1");
        } else {
          assertThat(r.statusCode()).isEqualTo(504);
        }
      }
      assertThat(rejected).isGreaterThanOrEqualTo(18);
    } finally {
      clients.shutdownNow();
    }
    String metrics = admin.call("GET", "/metrics", null).body();
    assertThat(metrics)
        .contains("wasmlet_errors_total{app=\"slow\",kind=\"admission\",revision=\"1\"}");
  }

  @Test
  void aRestartBringsBackTheSameRevisionsAndSplit() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v2"), null), Duration.ofSeconds(30));
    admin.call("PUT", "/api/v1/apps/shop/traffic", "{\"split\":{\"1\":30,\"2\":70}}");
    Path data = server.config().dataDir();
    server.close();
    server = start(data);
    admin = admin(server);
    assertThat(server.initialToken()).isEmpty();
    JsonNode app = admin.call("GET", "/api/v1/apps/shop", null).json();
    assertThat(app.get("traffic").toString())
        .contains("{\"revision\":2,\"percent\":70}")
        .contains("{\"revision\":1,\"percent\":30}");
    assertThat(get("/shop/api/items").statusCode()).isEqualTo(200);
  }
}
