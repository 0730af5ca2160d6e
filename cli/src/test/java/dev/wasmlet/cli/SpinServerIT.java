package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.testing.TestAdmin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spin SDK app on a real {@code wasmlet server}: its key-value data lives with the app, not the
 * revision, so a redeploy and a kill -9 of the server keep the counter; the secret variable set
 * through the admin API reaches the guest and never the server's output or API answers.
 */
class SpinServerIT {
  private static final String SECRET = "srv-s3cret-91ce";
  private static final Duration ROLLOUT = Duration.ofMinutes(3);
  private static final String HOST = "kv.test";

  @TempDir Path tmp;

  /** The example as an uploadable app: its manifest, with the built component beside it. */
  private Path app() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Files.copy(SpinAppIT.built(), dir.resolve("spin-python.wasm"));
    String manifest =
        Files.readString(ServerProcess.root().resolve("examples/spin-python/spin.toml"))
            .replace(
                "source = \"../../.wasmlet/guests/spin-python.wasm\"",
                "source = \"spin-python.wasm\"");
    assertThat(manifest).contains("source = \"spin-python.wasm\"");
    Files.writeString(dir.resolve("spin.toml"), manifest);
    return dir;
  }

  /** GET with Host: kv.test (the JDK client cannot set Host), the response as text. */
  private static String get(ServerNode node, String path) throws Exception {
    int port = Integer.parseInt(node.gateway().substring(node.gateway().lastIndexOf(':') + 1));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      // the server may keep the connection open: read to the end of this one response
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!complete(got.toString(StandardCharsets.ISO_8859_1))) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  private static boolean complete(String r) {
    int end = r.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = r.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
    if (m.find()) {
      return r.length() - end - 4 >= Integer.parseInt(m.group(1));
    }
    return !head.contains("chunked") || r.endsWith("\r\n0\r\n\r\n");
  }

  private static JsonNode deploy(TestAdmin admin, Path app) throws Exception {
    JsonNode r =
        admin.deploy(
            "kv", app, "{\"manifest\":\"spin.toml\",\"routing\":{\"hosts\":[\"" + HOST + "\"]}}");
    JsonNode done = admin.awaitRollout("kv", r, ROLLOUT);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    return done;
  }

  private static CliRun kv(Path config, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "kv";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--config";
    all[args.length + 2] = config.toString();
    return CliRun.of(all);
  }

  private static CliRun sqlite(Path config, String app, String statement) {
    return CliRun.of("sqlite", app, statement, "--config", config.toString());
  }

  @Test
  void keyValueSurvivesARedeployAndAKillNineOfTheServer() throws Exception {
    Path app = app();
    Path data = tmp.resolve("data");
    List<String> output = ServerNode.newOutput();
    ServerNode node = ServerNode.start(data, output);
    try {
      TestAdmin admin = node.admin();
      admin.call("PUT", "/api/v1/apps/kv/vars/owner", "{\"value\":\"ops-team\"}");
      admin.call("PUT", "/api/v1/apps/kv/secrets/api_token", "{\"value\":\"" + SECRET + "\"}");
      deploy(admin, app);
      assertThat(get(node, "/counter")).contains("{\"counter\":1}");
      assertThat(get(node, "/counter")).contains("{\"counter\":2}");
      assertThat(get(node, "/secret-check?guess=" + SECRET)).contains("\"match\":true");
      assertThat(get(node, "/vars")).contains("ops-team").doesNotContain(SECRET);

      JsonNode second = deploy(admin, app);
      assertThat(second.get("revision").asInt()).isEqualTo(2);
      assertThat(get(node, "/counter")).contains("{\"counter\":3}");

      node.kill9();
      node = ServerNode.start(data, output);
      admin = node.admin();
      ServerNode restarted = node;
      org.awaitility.Awaitility.await()
          .atMost(ROLLOUT)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> get(restarted, "/counter").startsWith("HTTP/1.1 200"));
      assertThat(get(node, "/counter")).contains("{\"counter\":5}"); // the await's own made 4

      // the operator's view of the same data: wasmlet kv and wasmlet sqlite
      Path config = tmp.resolve("contexts.json");
      CliRun context =
          CliRun.of(
              "context",
              "add",
              "spin",
              "--server",
              admin.base(),
              "--token-file",
              data.resolve("admin.token").toString(),
              "--config",
              config.toString());
      assertThat(context.code()).as("%s", context).isZero();
      CliRun keys = kv(config, "list", "kv", "default");
      assertThat(keys.out()).as("%s", keys).contains("counter");
      assertThat(kv(config, "set", "kv", "default", "greeting", "hej").code()).isZero();
      assertThat(get(node, "/kv/greeting")).contains("hej");
      CliRun value = kv(config, "get", "kv", "default", "greeting");
      assertThat(value.out()).as("%s", value).isEqualTo("hej");
      assertThat(kv(config, "delete", "kv", "default", "greeting").code()).isZero();
      assertThat(kv(config, "get", "kv", "default", "greeting").code())
          .isEqualTo(ExitCodes.REFUSED);
      assertThat(kv(config, "list", "kv", "../escape").code()).isEqualTo(ExitCodes.REFUSED);
      assertThat(kv(config, "list", "nosuchapp", "default").code()).isEqualTo(ExitCodes.REFUSED);
      CliRun table =
          sqlite(
              config, "kv", "CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT)");
      assertThat(table.code()).as("%s", table).isZero();
      CliRun insert = sqlite(config, "kv", "INSERT INTO notes(body) VALUES ('from the operator')");
      assertThat(insert.out()).as("%s", insert).contains("1 rows changed");
      assertThat(get(node, "/sql/notes")).contains("from the operator");
      CliRun select = sqlite(config, "kv", "SELECT body FROM notes");
      assertThat(select.out()).startsWith("body").contains("from the operator");
      CliRun bad = sqlite(config, "kv", "SELEKT");
      assertThat(bad.code()).isEqualTo(ExitCodes.REFUSED);
      assertThat(bad.err()).contains("syntax error");

      for (String path :
          List.of("/api/v1/apps/kv", "/api/v1/apps/kv/revisions/2", "/api/v1/apps/kv/secrets")) {
        assertThat(admin.call("GET", path, null).body()).as(path).doesNotContain(SECRET);
      }
      assertThat(String.join("\n", output)).doesNotContain(SECRET);
    } finally {
      node.close();
    }
  }
}
