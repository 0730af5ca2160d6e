package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasmlet up --runtime-config-file}, in-process, for the paths that end before serving. */
class UpRuntimeConfigTest {
  @TempDir Path dir;

  private Path config(String toml) throws Exception {
    return Files.writeString(dir.resolve("runtime-config.toml"), toml);
  }

  private static String app(String name) {
    return ServerProcess.root().resolve("examples/" + name).toString();
  }

  @Test
  void anUnsupportedStoreTypeStopsStartupNamingTheFileTheLineAndTheFix() throws Exception {
    Path rc =
        config(
            """
            [key_value_store.default]
            type = "redis"
            url = "redis://localhost:6379"
            """);
    CliRun r = CliRun.of("up", app("hello-c"), "--check", "--runtime-config-file", rc.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: "
                + rc
                + ":1: [key_value_store.default] type \"redis\" is not supported by Wasmlet; use"
                + " type = \"spin\" (an SQLite file; path = \"...\" places it) or remove the table"
                + " to keep it in the app's data directory\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMissingRuntimeConfigFileIsAUsageError() {
    Path absent = dir.resolve("absent.toml");
    CliRun r = CliRun.of("up", app("hello-c"), "--runtime-config-file", absent.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo("error: " + absent + ": cannot read the runtime config file (no such file)\n");
  }

  @Test
  void theAppStartsWithItsStorePlacedAndTheBannerSaysWhere() throws Exception {
    Path rc =
        config(
            """
            [key_value_store.default]
            type = "spin"
            path = "stores/kv.db"

            [sqlite_database.scratch]
            type = "spin"
            """);
    CliRun r =
        CliRun.of(
            "up",
            app("hello-c"),
            "--check",
            "--listen",
            "127.0.0.1:0",
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--runtime-config-file",
            rc.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(
            "using runtime config "
                + rc
                + " [key_value_store.default: "
                + dir.resolve("stores/kv.db")
                + ", sqlite_database.scratch: in memory]\n")
        .endsWith("check passed\n");
    assertThat(dir.resolve("stores")).as("nothing opened the store").doesNotExist();
  }

  @Test
  void aRequiredVariableNoProviderHasStillFailsByNameAndNoValueIsShown() throws Exception {
    Path rc =
        config(
            """
            [[variables_provider]]
            type = "static"
            values = { owner = "0wn3r-v4lue" }
            """);
    CliRun r =
        CliRun.of(
            "up",
            app("spin-python"),
            "--check",
            "--data-dir",
            dir.resolve("data").toString(),
            "--runtime-config-file",
            rc.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(r.err())
        .contains("variable \"api_token\" is required but has no value")
        .doesNotContain("\"owner\"");
    assertThat(r.all()).doesNotContain("0wn3r-v4lue");
  }

  @Test
  void runtimeConfigProvidersComeBeforeTheEnvironment() throws Exception {
    Path rc =
        config(
            """
            [[variables_provider]]
            type = "static"
            values = { owner = "from-config" }

            [[variables_provider]]
            type = "env"
            prefix = "MYAPP"
            """);
    Path source = Path.of(app("spin-python"));
    var values =
        UpCommand.variables(
            source,
            java.util.Map.of(
                "SPIN_VARIABLE_OWNER", "from-env",
                "SPIN_VARIABLE_GREETING", "spin-env",
                "MYAPP_API_TOKEN", "prefixed",
                "MYAPP_UNDECLARED", "never"),
            java.util.Optional.of(dev.wasmlet.spin.RuntimeConfig.read(rc)));
    assertThat(values)
        .containsEntry("owner", "from-config")
        .containsEntry("api_token", "prefixed")
        .containsEntry("greeting", "spin-env")
        .hasSize(3);
  }
}
