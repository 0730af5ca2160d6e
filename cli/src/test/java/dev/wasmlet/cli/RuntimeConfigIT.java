package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spin runtime config through a real {@code wasmlet up} (examples/spin-python, unmodified): the
 * default key-value store at the path the config chose, a variable from its static provider ahead
 * of the environment, and {@code wasmlet kv} / {@code wasmlet sqlite} in local mode reading what
 * the guest wrote.
 */
class RuntimeConfigIT {
  private static final String SECRET = "rc-s3cret-71f2";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path tmp;

  @BeforeAll
  static void build() throws Exception {
    SpinAppIT.built();
  }

  private static HttpResponse<String> send(ServerProcess s, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(s.url(path)))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theGuestSeesTheConfigsVariableAndStoreAndKvReadsWhatItWrote() throws Exception {
    Path conf = Files.createDirectories(tmp.resolve("conf"));
    Path rc =
        Files.writeString(
            conf.resolve("runtime-config.toml"),
            """
            [[variables_provider]]
            type = "static"
            values = { owner = "owner-from-runtime-config", api_token = "%s" }

            [key_value_store.default]
            type = "spin"
            path = "stores/kv.db"
            """
                .formatted(SECRET));
    Path data = tmp.resolve("data");
    Map<String, String> env = Map.of("SPIN_VARIABLE_OWNER", "owner-from-env");
    try (ServerProcess s =
        ServerProcess.up(
            env,
            "examples/spin-python",
            "--data-dir",
            data.toString(),
            "--runtime-config-file",
            rc.toString())) {
      HttpResponse<String> vars = send(s, "GET", "/vars", "");
      assertThat(vars.statusCode()).as(vars.body()).isEqualTo(200);
      assertThat(vars.body()).contains("owner-from-runtime-config").doesNotContain("from-env");
      assertThat(send(s, "GET", "/secret-check?guess=" + SECRET, "").body()).contains("true");
      assertThat(send(s, "PUT", "/kv/greeting", "placed h\u00e9llo").statusCode()).isEqualTo(200);
      assertThat(send(s, "GET", "/counter", "").body()).isEqualTo("{\"counter\":1}");
      assertThat(send(s, "GET", "/sql/notes?body=noted", "").body()).contains("noted");

      // the store is where the config put it (relative to the config's directory), not in data
      assertThat(conf.resolve("stores/kv.db")).isRegularFile();
      assertThat(data.resolve("key-value-default.db")).doesNotExist();
      assertThat(data.resolve("sqlite-default.db")).isRegularFile();
      assertThat(String.join("\n", s.stdout()))
          .contains("using runtime config " + rc + " [key_value_store.default: ")
          .contains("variables providers: 1]");
      assertThat(String.join("\n", s.stdout()) + String.join("\n", s.stderr()))
          .doesNotContain(SECRET);

      // while it serves: local mode reads the same files (SQLite in WAL mode shares them)
      CliRun got =
          CliRun.of(
              "kv",
              "get",
              "spin-python",
              "default",
              "greeting",
              "--data-dir",
              data.toString(),
              "--runtime-config-file",
              rc.toString());
      assertThat(got.code()).as(got.toString()).isZero();
      assertThat(got.out()).isEqualTo("placed h\u00e9llo");
    }
    CliRun list =
        CliRun.of(
            "kv",
            "list",
            "spin-python",
            "default",
            "--data-dir",
            data.toString(),
            "--runtime-config-file",
            rc.toString());
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out()).isEqualTo("counter\ngreeting\n");
    CliRun withoutConfig =
        CliRun.of("kv", "list", "spin-python", "default", "--data-dir", data.toString());
    assertThat(withoutConfig.code()).as("the default store is not in the data dir").isEqualTo(6);
    CliRun sql =
        CliRun.of("sqlite", "spin-python", "SELECT body FROM notes", "--data-dir", data.toString());
    assertThat(sql.code()).as(sql.toString()).isZero();
    assertThat(sql.out()).isEqualTo("body\nnoted\n");
  }
}
