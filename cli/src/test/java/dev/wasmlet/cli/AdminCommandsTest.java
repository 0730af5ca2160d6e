package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.control.ServerConfig;
import dev.wasmlet.control.WasmletServer;
import dev.wasmlet.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a real server in this JVM (loopback, free ports, a temp data
 * directory), through a contexts file whose token file is the server's admin.token.
 */
class AdminCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static WasmletServer server;
  private static Path config;
  private static String admin;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        WasmletServer.start(
            ServerConfig.builder()
                .withDataDir(tmp.resolve("data"))
                .withListen("127.0.0.1", 0)
                .withAdminListen("127.0.0.1", 0)
                .withDrainGrace(Duration.ofSeconds(5))
                .build());
    admin = "http://127.0.0.1:" + server.adminPort();
    config = tmp.resolve("config.json");
    CliRun add =
        CliRun.of(
            "context",
            "add",
            "test",
            "--server",
            admin,
            "--token-file",
            server.tokenFile().toString(),
            "--config",
            config.toString());
    assertThat(add.code()).as(add.toString()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static CliRun ok(String... args) {
    CliRun r = run(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.gatewayPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String example(String name) {
    return ServerProcess.root().resolve("examples").resolve(name).toString();
  }

  @Test
  void deployUploadsHelloCRollsItOutAndTheGatewayServesIt() throws Exception {
    CliRun r = ok("deploy", example("hello-c"));
    assertThat(r.err())
        .contains("uploading hello-c: 2 files")
        .containsPattern("uploaded \\d files");
    assertThat(r.out())
        .contains("rollout ")
        .contains("of hello-c: revision 1, all-at-once")
        .contains("succeeded  100%")
        .contains("succeeded: revision 1 of hello-c serves 100%")
        .contains("http://127.0.0.1:" + server.gatewayPort() + "/hello-c");
    HttpResponse<String> res = get("/hello-c/hello");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("Hello from Wasmlet!");

    CliRun again = ok("deploy", example("hello-c"), "--name", "hello-again");
    assertThat(again.err()).contains("uploaded 0 files (0 B); 2 already on the server");
    assertThat(get("/hello-again/hello").statusCode()).isEqualTo(200);
  }

  @Test
  void staticCsMountedDirectoryReachesTheServer() throws Exception {
    CliRun r = ok("deploy", example("static-c"), "--prefix", "/files");
    assertThat(r.err())
        .contains("uploading static-c: 5 files")
        .contains("  sent public/data/info.txt (47 B)")
        .contains("  sent static.wasm (19.7 KiB)")
        .contains("uploaded 5 files (20.5 KiB); 0 already on the server");
    HttpResponse<String> res = get("/files/static/data/info.txt");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body())
        .isEqualTo(Files.readString(Path.of(example("static-c"), "public/data/info.txt")));
  }

  @Test
  void appsAppAndRevisionsShowTheAppInTablesAndJson() throws Exception {
    ok("deploy", example("hello-c"), "--name", "listed");
    CliRun apps = ok("apps");
    assertThat(apps.out())
        .startsWith("NAME ")
        .containsPattern("listed\\s+/listed\\s+1\\s+1:100%\\s+1\\s+#\\d+ succeeded\\s+yes");
    assertThat(ok("app", "listed").out())
        .contains("name:")
        .containsPattern("route:\\s+/listed  \\(any host\\)")
        .containsPattern("traffic:\\s+1:100%");
    assertThat(ok("revisions", "listed").out())
        .startsWith("REVISION   STATE    TRAFFIC   CAUSE    CREATED")
        .containsPattern("1\\s+active\\s+100%\\s+deploy\\s+\\d+s ago\\s+sha256:[0-9a-f]{12}");

    JsonNode list = JSON.readTree(ok("apps", "-o", "json").out());
    assertThat(list.get("apps").findValuesAsText("name")).contains("listed");
    JsonNode one = JSON.readTree(ok("app", "listed", "--output", "json").out());
    assertThat(one.get("admission").get("maxConcurrency").asInt()).isPositive();
    assertThat(one.get("routing").get("prefix").asText()).isEqualTo("/listed");
    JsonNode revs = JSON.readTree(ok("revisions", "listed", "-o", "json").out());
    assertThat(revs.get("revisions").get(0).get("state").asText()).isEqualTo("active");
    JsonNode status = JSON.readTree(ok("status", "-o", "json").out());
    assertThat(status.get("gateway").asText()).endsWith(":" + server.gatewayPort());
    assertThat(ok("logs", "listed").out()).contains("rollout").contains("serves 100%");
  }

  @Test
  void rollbackAndTrafficMoveBetweenRevisions() throws Exception {
    ok("deploy", TestApps.marker(tmp, "v1").toString(), "--name", "shop");
    ok("deploy", TestApps.marker(tmp, "v2").toString(), "--name", "shop");
    assertThat(get("/shop/api/items").body()).contains("\"api_version\":\"v2\"");

    CliRun back = ok("rollback", "shop");
    assertThat(back.out())
        .contains("revision 1 (from 2)")
        .contains("succeeded: revision 1 of shop serves 100%");
    assertThat(get("/shop/api/items").body()).contains("\"api_version\":\"v1\"");
    assertThat(ok("revisions", "shop").out()).containsPattern("2\\s+\\S+\\s+0%\\s+deploy");

    CliRun split = ok("traffic", "shop", "1=50", "2=50");
    assertThat(split.out()).contains("shop traffic: ").contains("1:50%").contains("2:50%");
    CliRun wrong = run("traffic", "shop", "1=50", "7=50");
    assertThat(wrong.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(wrong.err()).startsWith("error: ").contains("7");

    CliRun to = ok("rollback", "shop", "--to", "2", "-o", "json");
    assertThat(JSON.readTree(to.out()).get("state").asText()).isEqualTo("succeeded");
    assertThat(get("/shop/api/items").body()).contains("\"api_version\":\"v2\"");
  }

  @Test
  void aRevisionThatFailsItsHealthCheckExitsWith5AndTheServersReason() throws Exception {
    CliRun r = run("deploy", TestApps.failingHealth(tmp).toString(), "--name", "sick");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.ROLLOUT_FAILED);
    assertThat(r.err())
        .contains("\nerror: rollout ")
        .contains("of sick failed: ")
        .contains("health check /health")
        .contains("see wasmlet revisions sick");
  }

  @Test
  void varsAndSecretsRollOutAndASecretValueIsNeverPrinted() throws Exception {
    String value = "s3cret-" + System.nanoTime();
    List<CliRun> runs = new ArrayList<>();
    Path vault = TestApps.withSecret(tmp);

    CliRun missing = run("deploy", vault.toString(), "--name", "vault");
    runs.add(missing);
    assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(missing.err()).contains("token");

    CliRun set = ok("secrets", "set", "vault", "token=" + value);
    runs.add(set);
    assertThat(set.err()).contains("lands in your shell history");
    runs.add(ok("deploy", vault.toString(), "--name", "vault"));
    assertThat(get("/vault/api/items").body()).contains("\"api_version\":\"" + value + "\"");

    Path file = tmp.resolve("token.txt");
    Files.writeString(file, value + "-2\n");
    CliRun rotate = ok("secrets", "set", "vault", "token", "--from-file", file.toString());
    runs.add(rotate);
    assertThat(rotate.out()).contains("secret token of vault set").contains("succeeded");
    assertThat(get("/vault/api/items").body()).contains("\"api_version\":\"" + value + "-2\"");

    CliRun list = ok("secrets", "list", "vault");
    runs.add(list);
    assertThat(list.out()).containsPattern("token\\s+2\\s+\\d+s ago");
    runs.add(ok("secrets", "list", "vault", "-o", "json"));
    runs.add(ok("app", "vault"));
    runs.add(ok("app", "vault", "-o", "json"));
    runs.add(ok("revisions", "vault"));
    runs.add(ok("revisions", "vault", "-o", "json"));
    runs.add(ok("logs", "vault"));
    runs.add(ok("logs", "vault", "-o", "json"));
    runs.add(ok("apps", "-o", "json"));
    runs.add(run("secrets", "set", "vault", "Token=" + value, "--verbose"));
    runs.add(run("secrets", "set", "nope_app!", "token=" + value, "--verbose"));
    for (CliRun r : runs) {
      assertThat(r.all()).as(r.toString()).doesNotContain(value);
    }
    CliRun rm = run("secrets", "rm", "vault", "token");
    assertThat(rm.code()).as(rm.toString()).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(rm.err()).contains("variable \"token\" is required but has no value");
  }

  @Test
  void settingAVariableRollsOutARevisionThatSeesIt() throws Exception {
    Path dir = tmp.resolve("greeter");
    Files.createDirectories(dir);
    Files.copy(
        ServerProcess.root().resolve("examples/json-api-rust/json-api.wasm"),
        dir.resolve("app.wasm"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        dir.resolve("wasmlet.toml"),
        """
        wasmlet_manifest_version = 1
        [application]
        name = "greeter"
        [variables]
        greeting = { default = "hi" }
        [[trigger.http]]
        route = "/api/..."
        component = "api"
        executor = { type = "wagi" }
        [component.api]
        source = "app.wasm"
        variables = { api_version = "{{ greeting }}" }
        """);
    ok("deploy", dir.toString());
    assertThat(get("/greeter/api/items").body()).contains("\"api_version\":\"hi\"");

    CliRun set = ok("vars", "set", "greeter", "greeting=hello");
    assertThat(set.out()).contains("variable greeting of greeter set").contains("succeeded");
    assertThat(get("/greeter/api/items").body()).contains("\"api_version\":\"hello\"");
    assertThat(ok("vars", "list", "greeter").out()).containsPattern("greeting\\s+hello");
    assertThat(ok("revisions", "greeter").out()).containsPattern("2\\s+active\\s+100%\\s+vars");
    CliRun again = ok("vars", "set", "greeter", "greeting=hello");
    assertThat(again.out())
        .contains(
            "variable greeting of greeter set: no change, it already had this value (no new"
                + " revision)");
    assertThat(ok("revisions", "greeter").out()).doesNotContainPattern("(?m)^\\s*3\\s");

    CliRun rm = ok("vars", "rm", "greeter", "greeting", "-o", "json");
    assertThat(JSON.readTree(rm.out()).get("rollout").get("state").asText()).isEqualTo("succeeded");
    assertThat(get("/greeter/api/items").body()).contains("\"api_version\":\"hi\"");
    assertThat(run("vars", "rm", "greeter", "greeting").code()).isEqualTo(ExitCodes.REFUSED);
  }

  @Test
  void deleteRemovesTheAppAndItStopsServing() throws Exception {
    ok("deploy", example("hello-c"), "--name", "gone");
    assertThat(get("/gone/hello").statusCode()).isEqualTo(200);
    assertThat(ok("delete", "gone", "--yes").out()).isEqualTo("app gone deleted\n");
    assertThat(get("/gone/hello").statusCode()).isEqualTo(404);
    CliRun after = run("app", "gone");
    assertThat(after.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(after.err()).isEqualTo("error: no app named \"gone\"; see wasmlet apps\n");
  }

  @Test
  void aRevokedTokenGets401WithTheServersReason() throws Exception {
    CliRun created = ok("tokens", "create", "ci");
    String token = created.out().strip();
    assertThat(token).startsWith("wl_");
    assertThat(created.err()).contains("token ci (id ").contains("shown only this once");
    assertThat(ok("apps", "--server", admin, "--token", token).code()).isZero();

    JsonNode tokens = JSON.readTree(ok("tokens", "list", "-o", "json").out());
    String id = null;
    for (JsonNode t : tokens.get("tokens")) {
      if (t.get("name").asText().equals("ci")) {
        id = t.get("id").asText();
      }
    }
    assertThat(id).isNotNull();
    assertThat(ok("tokens", "list").out()).containsPattern(id + "\\s+ci\\s+\\d+s ago\\s+no");
    assertThat(ok("tokens", "revoke", id).out()).isEqualTo("token " + id + " revoked\n");

    CliRun refused = run("apps", "--server", admin, "--token", token);
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .isEqualTo("error: the bearer token is unknown or revoked; ask for a new one\n");
    assertThat(ok("tokens", "list").out()).containsPattern(id + "\\s+ci\\s+\\d+s ago\\s+yes");
  }

  @Test
  void withoutATokenThe401SaysHowToGiveOne() {
    CliRun r =
        CliRun.of("apps", "--server", admin, "--config", tmp.resolve("none.json").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err())
        .contains("this endpoint needs a bearer token")
        .contains("no token was sent: pass --token, set WASMLET_TOKEN");
  }
}
