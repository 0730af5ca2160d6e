package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a runtime config serves: variables providers in order, and store placements. */
class RuntimeConfigTest {
  @TempDir Path tmp;

  private Path write(String toml) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("conf"));
    return Files.writeString(dir.resolve("runtime-config.toml"), toml);
  }

  private RuntimeConfig read(String toml) throws Exception {
    return RuntimeConfig.read(write(toml), tmp.resolve("cwd"));
  }

  private String refused(String toml) throws Exception {
    Path file = write(toml);
    RuntimeConfigInvalid e =
        catchThrowableOfType(RuntimeConfigInvalid.class, () -> RuntimeConfig.read(file, tmp));
    assertThat(e).as("refused:\n%s", toml).isNotNull();
    return e.getMessage();
  }

  @Test
  void anEmptyFileChangesNothing() throws Exception {
    RuntimeConfig c = read("");
    assertThat(c.variablesProviders()).isEmpty();
    assertThat(c.keyValueStores()).isEmpty();
    assertThat(c.sqliteDatabases()).isEmpty();
    assertThat(c.variables(List.of("x"), Map.of("SPIN_VARIABLE_X", "1"))).isEmpty();
  }

  @Test
  void keyValuePathsResolveAgainstTheFilesDirectoryAndSqlitePathsAgainstTheCurrentOne()
      throws Exception {
    Path absolute = tmp.resolve("elsewhere/abs.db");
    RuntimeConfig c =
        read(
            """
            [key_value_store.default]
            type = "spin"
            path = "data/kv.db"

            [key_value_store.up]
            type = "spin"
            path = "../up.db"

            [key_value_store.abs]
            type = "spin"
            path = "%s"

            [key_value_store.scratch]
            type = "spin"

            [sqlite_database.default]
            type = "spin"
            path = "db/main.db"
            allow_attach_file = false

            [sqlite_database.mem]
            type = "spin"
            """
                .formatted(absolute));
    assertThat(c.keyValueStores())
        .containsEntry("default", StorePlacement.file(tmp.resolve("conf/data/kv.db")))
        .containsEntry("up", StorePlacement.file(tmp.resolve("up.db")))
        .containsEntry("abs", StorePlacement.file(absolute))
        .containsEntry("scratch", StorePlacement.inMemory());
    assertThat(c.sqliteDatabases())
        .containsEntry("default", StorePlacement.file(tmp.resolve("cwd/db/main.db")))
        .containsEntry("mem", StorePlacement.inMemory());
    assertThat(tmp.resolve("conf/data")).as("reading creates nothing").doesNotExist();
  }

  @Test
  void providersAreAskedInOrderAndTheFirstValueWins() throws Exception {
    Files.createDirectories(tmp.resolve("cwd"));
    Files.writeString(
        tmp.resolve("cwd/app.env"),
        """
        # comment
        export MYAPP_FROM_DOTENV=dotenv value # trailing comment
        MYAPP_QUOTED="a \\"b\\"\\n"
        MYAPP_LITERAL='$not substituted'
        MYAPP_SHADOWED=from dotenv
        """);
    RuntimeConfig c =
        read(
            """
            [[variables_provider]]
            type = "static"
            values = { greeting = "from static", empty = "" }

            [[variables_provider]]
            type = "env"
            prefix = "MYAPP"
            dotenv_path = "app.env"

            [[variables_provider]]
            type = "env"
            """);
    Map<String, String> env =
        Map.of(
            "MYAPP_GREETING", "from env",
            "MYAPP_SHADOWED", "from env",
            "SPIN_VARIABLE_OWNER", "ops");
    assertThat(
            c.variables(
                List.of(
                    "greeting",
                    "empty",
                    "shadowed",
                    "from_dotenv",
                    "quoted",
                    "literal",
                    "owner",
                    "absent"),
                env))
        .containsExactly(
            Map.entry("greeting", "from static"),
            Map.entry("empty", ""),
            Map.entry("shadowed", "from env"),
            Map.entry("from_dotenv", "dotenv value"),
            Map.entry("quoted", "a \"b\"\n"),
            Map.entry("literal", "$not substituted"),
            Map.entry("owner", "ops"));
    assertThat(c.variablesProviders().get(1))
        .isInstanceOfSatisfying(
            EnvVariables.class, e -> assertThat(e.dotenv()).contains(tmp.resolve("cwd/app.env")));
  }

  @Test
  void configProviderIsTheOldNameOfVariablesProvider() throws Exception {
    RuntimeConfig c =
        read(
            """
            [[config_provider]]
            type = "static"
            values = { a = "1" }
            """);
    assertThat(c.variables(List.of("a"), Map.of())).containsEntry("a", "1");
  }

  @Test
  void aMissingDotenvFileHoldsNothingAsInSpin() throws Exception {
    RuntimeConfig c =
        read(
            """
            [[variables_provider]]
            type = "env"
            dotenv_path = "absent.env"
            """);
    assertThat(c.variables(List.of("a"), Map.of())).isEmpty();
  }

  @Test
  void aBadDotenvLineNamesTheFileAndLineButNeverTheValue() throws Exception {
    Files.createDirectories(tmp.resolve("cwd"));
    Files.writeString(tmp.resolve("cwd/.env"), "OK=1\nthis is s3cr3t\nB=\"$HOME\"\n");
    RuntimeConfig c =
        read(
            """
            [[variables_provider]]
            type = "env"
            dotenv_path = ".env"
            """);
    RuntimeConfigInvalid e =
        catchThrowableOfType(RuntimeConfigInvalid.class, () -> c.variables(List.of("a"), Map.of()));
    assertThat(e.getMessage())
        .isEqualTo(tmp.resolve("cwd/.env") + ":2: the dotenv line is not KEY=VALUE")
        .doesNotContain("s3cr3t");
  }

  @Test
  void dotenvSubstitutionIsRefusedRatherThanReadDifferently() throws Exception {
    Files.createDirectories(tmp.resolve("cwd"));
    Files.writeString(tmp.resolve("cwd/.env"), "SPIN_VARIABLE_B=\"${HOME}/x\"\n");
    RuntimeConfig c = read("[[variables_provider]]\ntype = \"env\"\ndotenv_path = \".env\"\n");
    RuntimeConfigInvalid e =
        catchThrowableOfType(RuntimeConfigInvalid.class, () -> c.variables(List.of("b"), Map.of()));
    assertThat(e.getMessage()).contains(":1: the dotenv line uses $ substitution");
  }

  @Test
  void aPathThatIsADirectoryIsRefused() throws Exception {
    Files.createDirectories(tmp.resolve("conf/store.db"));
    assertThat(refused("[key_value_store.default]\ntype = \"spin\"\npath = \"store.db\"\n"))
        .endsWith(
            "runtime-config.toml:3: [key_value_store.default] path "
                + tmp.resolve("conf/store.db")
                + " is a directory; give the path of a file in it, e.g. store.db");
  }

  @Test
  void aPathThatIsASymbolicLinkIsRefusedEvenToAFile() throws Exception {
    Path target = Files.writeString(tmp.resolve("target.db"), "");
    Files.createDirectories(tmp.resolve("cwd"));
    Files.createSymbolicLink(tmp.resolve("cwd/link.db"), target);
    assertThat(refused("[sqlite_database.default]\ntype = \"spin\"\npath = \"cwd/link.db\"\n"))
        .endsWith(
            ":3: [sqlite_database.default] path "
                + tmp.resolve("cwd/link.db")
                + " is a symbolic link; give the path of the file itself");
  }

  @Test
  void aPathInsideAFileIsRefused() throws Exception {
    Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(tmp.resolve("conf/plain"), "");
    assertThat(refused("[key_value_store.a]\ntype = \"spin\"\npath = \"plain/kv.db\"\n"))
        .contains("path " + tmp.resolve("conf/plain/kv.db") + " is inside")
        .contains("which is not a directory");
  }

  @Test
  void twoLabelsOnOneFileAreRefused() throws Exception {
    String toml =
        """
        [key_value_store.a]
        type = "spin"
        path = "%1$s"

        [sqlite_database.b]
        type = "spin"
        path = "%1$s"
        """
            .formatted(tmp.resolve("shared.db"));
    assertThat(refused(toml))
        .contains(
            ":7: [sqlite_database.b] path "
                + tmp.resolve("shared.db")
                + " is also the file of [key_value_store.a]; give each its own file");
  }

  @Test
  void anExistingRegularFileIsAccepted() throws Exception {
    Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(tmp.resolve("conf/kv.db"), "");
    assertThat(read("[key_value_store.x]\ntype = \"spin\"\npath = \"kv.db\"\n").keyValueStores())
        .containsEntry("x", StorePlacement.file(tmp.resolve("conf/kv.db")));
  }

  @Test
  void aMissingFileIsReportedWithItsPath() {
    Path absent = tmp.resolve("absent.toml");
    RuntimeConfigInvalid e =
        catchThrowableOfType(RuntimeConfigInvalid.class, () -> RuntimeConfig.read(absent, tmp));
    assertThat(e.getMessage())
        .isEqualTo(absent + ": cannot read the runtime config file (no such file)");
  }

  @Test
  void staticValuesNeverAppearInErrorsOrToString() throws Exception {
    String message =
        refused(
            """
            [[variables_provider]]
            type = "static"
            values = { token = 12345678, other = "s3cr3t-value" }
            unknown = 1
            """);
    assertThat(message).doesNotContain("12345678").doesNotContain("s3cr3t-value");
    RuntimeConfig ok =
        read(
            """
            [[variables_provider]]
            type = "static"
            values = { token = "s3cr3t-value" }
            """);
    assertThat(ok.toString()).doesNotContain("s3cr3t-value").contains("token");
    assertThat(ok.variablesProviders().get(0).value("token", Map.of()))
        .isEqualTo(Optional.of("s3cr3t-value"));
  }

  @Test
  void theReadmesExampleReadsAsItSays() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("```toml\n[[variables_provider]]");
    assertThat(start).as("README.md has the runtime config example").isPositive();
    String toml = readme.substring(start + "```toml\n".length(), readme.indexOf("```", start + 7));
    RuntimeConfig c = read(toml);
    assertThat(c.variablesProviders()).hasSize(2);
    assertThat(c.variables(List.of("owner"), Map.of())).containsEntry("owner", "ops");
    assertThat(c.variables(List.of("x"), Map.of("MYAPP_X", "1"))).containsEntry("x", "1");
    assertThat(c.keyValueStores())
        .containsEntry("default", StorePlacement.file(tmp.resolve("conf/stores/kv.db")));
    assertThat(c.sqliteDatabases())
        .containsEntry("default", StorePlacement.file(tmp.resolve("cwd/db/app.db")));
  }
}
