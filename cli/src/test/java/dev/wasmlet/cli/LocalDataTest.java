package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.spin.AppData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wasmlet kv} and {@code wasmlet sqlite} in local mode: the files of {@code up}, directly.
 */
class LocalDataTest {
  @TempDir Path tmp;

  private Path app;
  private Path data;

  @BeforeEach
  void anAppThatHasRun() throws Exception {
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("spin.toml"), "spin_manifest_version = 2\n");
    data = app.resolve(".wasmlet/data");
    try (AppData d = AppData.at(data)) {
      d.keyValue("default").set("greeting", "h\u00e9llo".getBytes(StandardCharsets.UTF_8));
      d.keyValue("default").set("counter", "3".getBytes(StandardCharsets.UTF_8));
      d.sqlite("default")
          .execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)", List.of(), 5);
      d.sqlite("default").execute("INSERT INTO notes(body) VALUES ('first')", List.of(), 5);
    }
  }

  @Test
  void getListSetAndDeleteWorkOnTheDataDirectoryBesideTheManifest() {
    CliRun get = CliRun.of("kv", "get", app.toString(), "default", "greeting", "--local");
    assertThat(get.code()).as(get.toString()).isZero();
    assertThat(get.out()).isEqualTo("h\u00e9llo");

    assertThat(CliRun.of("kv", "set", app.toString(), "default", "k", "v", "--local").out())
        .isEqualTo("set k in store default of " + app + " (1 bytes)\n");
    CliRun list = CliRun.of("kv", "list", app.toString(), "default", "--local", "-o", "json");
    assertThat(list.out()).contains("\"counter\", \"greeting\", \"k\"");
    assertThat(CliRun.of("kv", "delete", app.toString(), "default", "k", "--local").code())
        .isZero();
    CliRun gone = CliRun.of("kv", "get", app.toString(), "default", "k", "--local");
    assertThat(gone.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(gone.err()).isEqualTo("error: store \"default\" of " + app + " has no key \"k\"\n");
  }

  @Test
  void dataDirNamesTheDirectoryItselfAndImpliesLocalMode() {
    CliRun r = CliRun.of("kv", "get", "any", "default", "counter", "--data-dir", data.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("3");
  }

  @Test
  void aStoreWithoutAFileIsRefusedAndNotMade() {
    CliRun r = CliRun.of("kv", "list", "x", "cache", "--data-dir", data.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err())
        .isEqualTo(
            "error: no key-value store \"cache\" at "
                + data.resolve("key-value-cache.db")
                + ": the app has not opened it yet, or `wasmlet up` used another data directory"
                + " or runtime config (--data-dir, --runtime-config-file)\n");
    assertThat(data.resolve("key-value-cache.db")).doesNotExist();
    CliRun elsewhere =
        CliRun.of("kv", "list", "x", "default", "--data-dir", tmp.resolve("no").toString());
    assertThat(elsewhere.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(tmp.resolve("no")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../default", "a/b", "%2e%2e", "/etc/passwd", "UPPER", "x\u0001"})
  void hostileLabelsAreRefusedAsTheServerRefusesThem(String label) {
    CliRun r = CliRun.of("kv", "list", "x", label, "--data-dir", data.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err())
        .startsWith("error: \"")
        .endsWith("\" is not a store or database label (lowercase letters, digits, '-' and '_')\n");
    CliRun sql =
        CliRun.of("sqlite", "x", "select 1", "--database", label, "--data-dir", data.toString());
    assertThat(sql.code()).isEqualTo(ExitCodes.REFUSED);
  }

  @Test
  void aRuntimeConfigPathOverridePointsAtTheStore() throws Exception {
    Path file = tmp.resolve("placed/kv.db");
    Files.createDirectories(file.getParent());
    Files.copy(data.resolve("key-value-default.db"), file);
    Path rc =
        Files.writeString(
            tmp.resolve("rc.toml"),
            "[key_value_store.default]\ntype = \"spin\"\npath = \"placed/kv.db\"\n"
                + "[key_value_store.mem]\ntype = \"spin\"\n");
    CliRun r =
        CliRun.of(
            "kv",
            "get",
            "x",
            "default",
            "counter",
            "--data-dir",
            tmp.resolve("empty").toString(),
            "--runtime-config-file",
            rc.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("3");
    CliRun mem =
        CliRun.of("kv", "list", app.toString(), "mem", "--runtime-config-file", rc.toString());
    assertThat(mem.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(mem.err())
        .isEqualTo(
            "error: key-value store \"mem\" is in memory only (no path in "
                + rc
                + "); only the running app sees it\n");
  }

  @Test
  void sqliteRunsAStatementAndPrintsTheServersTable() {
    CliRun r = CliRun.of("sqlite", app.toString(), "SELECT id, body FROM notes", "--local");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("id   body\n1    first\n");
    CliRun bad = CliRun.of("sqlite", app.toString(), "SELEKT", "--local");
    assertThat(bad.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(bad.err()).startsWith("error: the statement failed: ").contains("syntax error");
  }

  @Test
  void localModeTakesNoServer() {
    CliRun r =
        CliRun.of(
            "kv", "list", app.toString(), "default", "--local", "--server", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("it takes no --server, --token or --context");
  }

  @Test
  void withoutAManifestLocalModeAsksForADataDir() {
    CliRun r = CliRun.of("kv", "list", tmp.resolve("nowhere").toString(), "default", "--local");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("does not exist").contains("(or give --data-dir DIR)");
  }
}
