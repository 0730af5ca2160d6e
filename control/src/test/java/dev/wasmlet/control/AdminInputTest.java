package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the admin API's input, each answered as the spec and HTTP say. */
class AdminInputTest {
  @TempDir Path tmp;
  private WasmletServer server;
  private TestAdmin admin;
  private String token;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = TestServers.start(tmp.resolve("data"));
    token = Files.readString(server.tokenFile()).trim();
    admin = TestServers.admin(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    assertThat(send("GET", "/api/v1/apps", "bearer " + token).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/apps", "BEARER " + token).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/apps", "Basic " + token).statusCode()).isEqualTo(401);
  }

  @Test
  void traceIsNotAllowed() throws Exception {
    HttpResponse<String> r = send("TRACE", "/api/v1/apps", "Bearer " + token);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void revisionNumbersOutsideTheSpecsRangeAreNamedAsSuch() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    TestAdmin.Reply big = admin.call("GET", "/api/v1/apps/shop/revisions/2147483648", null);
    assertThat(big.status()).isEqualTo(400);
    assertThat(big.json().get("detail").asText())
        .isEqualTo(
            "revision 2147483648 is out of range; it is a whole number from 1 to 2147483647");
    TestAdmin.Reply word = admin.call("GET", "/api/v1/apps/shop/revisions/two", null);
    assertThat(word.status()).isEqualTo(400);
    assertThat(word.json().get("detail").asText())
        .isEqualTo("revision \"two\" is not a whole number");
  }

  @Test
  void anArtifactThatIsNotAnObjectIsRefused() throws Exception {
    TestAdmin.Reply r =
        admin.call(
            "POST",
            "/api/v1/apps/shop/admission-reviews",
            "{\"manifest\":\"wasmlet.toml\",\"files\":{},\"artifact\":null}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).startsWith("\"artifact\" must be an object");
  }

  @Test
  void aValueWithALoneSurrogateIsRefusedNotMangled() throws Exception {
    admin.awaitRollout(
        "shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), Duration.ofSeconds(30));
    admin.call("PUT", "/api/v1/apps/shop/vars/greeting", "{\"value\":\"ok\"}");
    TestAdmin.Reply r =
        admin.call("PUT", "/api/v1/apps/shop/vars/greeting", "{\"value\":\"a\\ud800b\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText())
        .isEqualTo("the value is not valid Unicode: it has a lone UTF-16 surrogate at character 1");
    TestAdmin.Reply pair =
        admin.call("PUT", "/api/v1/apps/shop/vars/greeting", "{\"value\":\"a\\ud83d\\ude00\"}");
    assertThat(pair.status()).as(pair.body()).isNotEqualTo(400);
  }

  @Test
  void theClusterTokenIsAcceptedAsReadAtEachRequestAndAnEmptyOneMatchesNothing() throws Exception {
    AtomicReference<Optional<String>> secret = new AtomicReference<>(Optional.of("shared-1"));
    try (WasmletServer cluster =
        WasmletServer.start(
            ServerConfig.builder()
                .withDataDir(tmp.resolve("cluster"))
                .withListen("127.0.0.1", 0)
                .withAdminListen("127.0.0.1", 0)
                .withProbeInterval(Duration.ofSeconds(30))
                .withClusterToken(secret::get)
                .build())) {
      String apps = "http://127.0.0.1:" + cluster.adminPort() + "/api/v1/apps";
      assertThat(get(apps, "Bearer shared-1").statusCode()).isEqualTo(200);
      assertThat(get(apps, "Bearer shared-2").statusCode()).isEqualTo(401);
      secret.set(Optional.of("shared-2"));
      assertThat(get(apps, "Bearer shared-1").statusCode()).isEqualTo(401);
      assertThat(get(apps, "Bearer shared-2").statusCode()).isEqualTo(200);
      secret.set(Optional.of(""));
      assertThat(get(apps, "Bearer ").statusCode()).isEqualTo(401);
      secret.set(Optional.empty());
      assertThat(get(apps, "Bearer shared-2").statusCode()).isEqualTo(401);
      String own = Files.readString(cluster.tokenFile()).trim();
      assertThat(get(apps, "Bearer " + own).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(String url, String authorization)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
