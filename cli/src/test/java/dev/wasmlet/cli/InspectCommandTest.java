package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasmlet inspect} on real modules and components, and on files that are neither. */
class InspectCommandTest {
  @TempDir Path dir;

  private static String example(String path) {
    return ServerProcess.root().resolve("examples").resolve(path).toString();
  }

  @Test
  void showsAComponentsInterfacesAsWitLikeText() {
    CliRun r = CliRun.of("inspect", example("hello-component/hello.wasm"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("component\n  import wasi:io/error@0.2.12: interface {\n")
        .contains(
            "    [constructor]outgoing-response: func(headers: own<headers>) ->"
                + " own<outgoing-response>\n")
        .contains("  export wasi:http/incoming-handler@0.2.12: interface {\n");
  }

  @Test
  void jsonListsImportsExportsAndSections() throws Exception {
    CliRun r = CliRun.of("inspect", "--output", "json", example("hello-c/hello.wasm"));
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = ClientCommand.JSON.readTree(r.out());
    assertThat(doc.path("kind").asText()).isEqualTo("module");
    assertThat(doc.path("imports").get(0).path("name").asText())
        .isEqualTo("wasi_snapshot_preview1::fd_write");
    CliRun c = CliRun.of("inspect", "-o", "json", example("echo-component/echo.wasm"));
    JsonNode comp = ClientCommand.JSON.readTree(c.out());
    assertThat(comp.path("sections").path("core module").asInt()).isEqualTo(3);
    assertThat(comp.path("exports").get(0).path("members").get(2).path("type").asText())
        .isEqualTo("func(request: own<incoming-request>, response-out: own<response-outparam>)");
  }

  @Test
  void aBrokenFileIsRefusedWithWhereAndHow() throws Exception {
    byte[] good = Files.readAllBytes(Path.of(example("hello-component/hello.wasm")));
    Path cut = dir.resolve("cut.wasm");
    Files.write(cut, java.util.Arrays.copyOf(good, 100));
    CliRun r = CliRun.of("inspect", cut.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(r.err())
        .contains(cut + ": ")
        .contains("(at byte offset ")
        .contains("check it with `wasm-tools validate`");
    CliRun missing = CliRun.of("inspect", dir.resolve("nope.wasm").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("nope.wasm is not a file");
  }
}
