package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript component (componentize-js via jco, 14 MB, 12.7k functions, seven over 64 KiB that
 * Chicory interprets) built by its script and served in-process: it links against the WASI 0.2 host
 * it imports (0.2.10 and 0.2.12 interfaces mixed) and answers like {@code jco serve}. The script
 * installs its npm dependencies project-locally and fails loudly without node/npm.
 */
class ScriptBuiltComponentIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Path build(String script) throws Exception {
    Process p =
        new ProcessBuilder("bash", ROOT.resolve(script).toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as(script + " finished").isTrue();
    assertThat(p.exitValue()).as(script + " exit status").isZero();
    return Path.of(out);
  }

  @Test
  void javascriptEchoComponentServes() throws Exception {
    Path wasm = build("examples/js-component/build.sh");
    LoadedComponent c =
        LoadedComponent.load(wasm.toString(), Files.readAllBytes(wasm), ComponentHost.linker());
    for (int i = 0; i < 2; i++) {
      TestExchange ex =
          new TestExchange("POST", "/echo?x=" + i, "js body \u00e9").header("x-test", "yes");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      WasiHttp.Outcome o =
          WasiHttp.serve(
              c, ComponentHost.newStore(List.of(), Map.of(), err, err), ex, 4096, 1 << 20);
      assertThat(o.failure()).as("failure (stderr: %s)", err).isNull();
      assertThat(ex.status).isEqualTo(200);
      assertThat(ex.text())
          .contains("\"method\":\"POST\"")
          .contains("/echo?x=" + i)
          .contains("x-test")
          .contains("js body \u00e9");
    }
  }
}
