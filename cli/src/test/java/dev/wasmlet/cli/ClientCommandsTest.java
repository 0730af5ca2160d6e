package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands' paths that end before a server answers: parsing, contexts, refusals. */
class ClientCommandsTest {
  @TempDir Path tmp;
  private Path config;
  private String nowhere;

  @BeforeEach
  void setUp() throws Exception {
    config = tmp.resolve("wasmlet/config.json");
    try (ServerSocket s = new ServerSocket(0)) {
      nowhere = "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  /** Runs the command against a server address where nothing listens, with a private config. */
  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void trafficThatDoesNotAddUpTo100IsAUsageErrorNamingTheSum() {
    CliRun r = run("traffic", "shop", "3=80", "4=10", "--server", nowhere);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: the percents add up to 90, not 100 (3=80 4=10); make them add up to 100,"
                + " e.g. 3=90 4=10\n");
  }

  @Test
  void trafficWithAMalformedShareNamesIt() {
    CliRun r = run("traffic", "shop", "3=ninety", "4=10", "--server", nowhere);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: in \"3=ninety\", the percent \"ninety\" must be a whole number from 0 to 100,"
                + " e.g. 3=90\n");
    assertThat(run("traffic", "shop", "--server", nowhere).code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aServerThatIsNotRunningIsNamedWithHowToStartOne() {
    CliRun r = run("apps", "--server", nowhere);
    assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err())
        .isEqualTo(
            "error: cannot reach the wasmlet server at "
                + nowhere
                + ": connection refused: nothing is listening there; is `wasmlet server` running"
                + " there? (address from --server; choose another with --server or --context)\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void contextsAreAddedUsedListedAndRemovedInAnOwnerOnlyFile() throws Exception {
    Path tokenFile = tmp.resolve("prod.token");
    Files.writeString(tokenFile, "wl_prod_token\n");
    CliRun add = run("context", "add", "local", "--server", "127.0.0.1:7070");
    assertThat(add.code()).as(add.toString()).isZero();
    assertThat(add.out())
        .isEqualTo(
            "context local added: http://127.0.0.1:7070 (in "
                + config
                + ")\ncurrent context: local\n");
    assertThat(
            run(
                    "context",
                    "add",
                    "prod",
                    "--server",
                    "https://admin.example.com:7070",
                    "--token-file",
                    tokenFile.toString())
                .code())
        .isZero();
    CliRun inline = run("context", "add", "ci", "--server", "http://ci:7070", "--token", "wl_ci");
    assertThat(inline.err()).contains("lands in your shell history");
    assertThat(run("context", "use", "prod").out())
        .isEqualTo("current context: prod (https://admin.example.com:7070)\n");

    CliRun list = run("context", "list");
    assertThat(list.out())
        .isEqualTo(
            """
            CURRENT   NAME    SERVER                           TOKEN
                      ci      http://ci:7070                   in config
                      local   http://127.0.0.1:7070            none
            *         prod    https://admin.example.com:7070   file %s
            """
                .formatted(tokenFile));
    JsonNode json = new ObjectMapper().readTree(run("context", "list", "-o", "json").out());
    assertThat(json.get("current").asText()).isEqualTo("prod");
    assertThat(json.get("contexts")).hasSize(3);
    assertThat(list.all() + json).doesNotContain("wl_ci").doesNotContain("wl_prod_token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");

    assertThat(run("context", "rm", "prod").code()).isZero();
    assertThat(run("context", "list").out()).doesNotContain("prod").doesNotContain("*");
  }

  @Test
  void anUnknownContextIsAUsageErrorNamingTheFile() {
    CliRun use = run("context", "use", "nope");
    assertThat(use.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(use.err())
        .isEqualTo(
            "error: no context named \"nope\" in "
                + config
                + "; see wasmlet context list, or add it with wasmlet context add nope --server"
                + " URL\n");
    assertThat(run("apps", "--context", "nope").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aTokenAndATokenFileTogetherAreRefused() {
    CliRun r =
        run("context", "add", "x", "--server", nowhere, "--token", "a", "--token-file", "/f");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("mutually exclusive");
  }

  @Test
  void anInvalidAppFailsLocallyWithExit3BeforeAnythingIsSent() throws Exception {
    Files.writeString(
        tmp.resolve("wasmlet.toml"),
        """
        wasmlet_manifest_version = 1
        [application]
        name = "bad"
        [[trigger.http]]
        route = "/"
        component = "x"
        [component.x]
        source = "missing.wasm"
        """);
    CliRun r = run("deploy", tmp.toString(), "--server", nowhere);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(r.err()).startsWith("error: ").contains("wasmlet.toml:8").contains("missing.wasm");
  }

  @Test
  void canarySettingsWithoutACanaryOrOutOfOrderAreUsageErrors() {
    String app = ServerProcess.root().resolve("examples/hello-c").toString();
    assertThat(run("deploy", app, "--server", nowhere, "--steps", "10,100").err())
        .contains("apply to --strategy canary only");
    assertThat(
            run("deploy", app, "--server", nowhere, "--strategy", "canary", "--steps", "50,10")
                .err())
        .contains("--steps must rise within 1..100 and end at 100");
    assertThat(run("deploy", app, "--server", nowhere, "--strategy", "rolling").err())
        .contains("strategy \"rolling\" is unknown; use all-at-once, canary or blue-green");
    CliRun queue = run("deploy", app, "--server", nowhere, "--max-queue", "3");
    assertThat(queue.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(queue.err()).contains("give --max-concurrency and --max-queue together");
  }

  @Test
  void deleteWithoutATerminalNeedsYes() {
    CliRun r = run("delete", "shop", "--server", nowhere);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "error: deleting app shop cannot be undone; confirm with --yes (not at a terminal)\n");
  }

  @Test
  void aSecretGivenTwoWaysIsRefusedWithoutShowingIt() {
    CliRun r =
        run(
            "secrets",
            "set",
            "shop",
            "db_password=hunter2-value",
            "--from-file",
            "/nope",
            "--server",
            nowhere,
            "--verbose");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.all()).doesNotContain("hunter2-value");
    CliRun badName = run("secrets", "set", "shop", "DB=hunter2-value", "--server", nowhere);
    assertThat(badName.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badName.all()).contains("secret name \"DB\"").doesNotContain("hunter2-value");
  }

  @Test
  void anUnknownOutputFormatIsAUsageError() {
    CliRun r = run("apps", "--server", nowhere, "-o", "yaml");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("invalid output 'yaml': use text or json");
  }

  @Test
  void everyClientCommandAnswersHelpAsTheErrorHandlerPromises() {
    for (String[] cmd :
        List.of(
            new String[] {"deploy"},
            new String[] {"apps"},
            new String[] {"traffic"},
            new String[] {"secrets", "set"},
            new String[] {"vars"},
            new String[] {"tokens", "revoke"},
            new String[] {"context", "add"})) {
      List<String> args = new ArrayList<>(List.of(cmd));
      args.add("--help");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith("Usage: wasmlet " + String.join(" ", cmd));
    }
  }
}
