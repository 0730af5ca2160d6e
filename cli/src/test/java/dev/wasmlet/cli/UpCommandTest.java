package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command line, in-process, for the paths that end before serving. */
class UpCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return WasmletCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  private Path app(String manifest, String module, byte[] bytes) throws Exception {
    Files.writeString(dir.resolve("wasmlet.toml"), manifest);
    Files.write(dir.resolve(module), bytes);
    return dir;
  }

  private static String manifest(String source) {
    return """
        wasmlet_manifest_version = 1
        [application]
        name = "bad"
        version = "0.1.0"
        [[trigger.http]]
        route = "/x"
        component = "x"
        [component.x]
        source = "%s"
        """
        .formatted(source);
  }

  private static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(
        ServerProcess.root().resolve("engine/src/test/resources/wat/" + name + ".wasm"));
  }

  @Test
  void anInvalidManifestExitsWith3AndNamesFileLineAndFix() throws Exception {
    Files.writeString(
        dir.resolve("wasmlet.toml"), manifest("x.wasm").replace("route = \"/x\"", "route = \"x\""));
    Files.write(dir.resolve("x.wasm"), fixture("hello"));
    assertThat(run("up", dir.toString())).isEqualTo(ExitCodes.INVALID_APP);
    assertThat(err.toString()).startsWith("error: ").contains("wasmlet.toml:6").contains("route");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aModuleWithUnknownImportsExitsWith3NamingTheModuleAndTheImport() throws Exception {
    app(manifest("rogue.wasm"), "rogue.wasm", fixture("unknown-import"));
    assertThat(run("up", dir.toString(), "--listen", "127.0.0.1:0"))
        .isEqualTo(ExitCodes.INVALID_APP);
    assertThat(err.toString())
        .isEqualTo(
            "error: app \"bad\": module \"rogue.wasm\" imports function \"env::launch_missiles\""
                + " from an unknown module; only \"wasi_snapshot_preview1\" is provided (the"
                + " component model and custom host modules are not yet supported)\n");
  }

  @Test
  void aModuleWithoutStartExitsWith3() throws Exception {
    app(manifest("lib.wasm"), "lib.wasm", fixture("no-start"));
    assertThat(run("up", dir.toString(), "--listen", "127.0.0.1:0"))
        .isEqualTo(ExitCodes.INVALID_APP);
    assertThat(err.toString())
        .startsWith(
            "error: app \"bad\": component \"x\": module \"lib.wasm\" does not export the"
                + " entry point \"_start\"");
  }

  @Test
  void aTruncatedModuleExitsWith3() throws Exception {
    byte[] whole = fixture("hello");
    app(manifest("cut.wasm"), "cut.wasm", java.util.Arrays.copyOf(whole, whole.length - 30));
    assertThat(run("up", dir.toString(), "--listen", "127.0.0.1:0"))
        .isEqualTo(ExitCodes.INVALID_APP);
    assertThat(err.toString()).startsWith("error: app \"bad\": module \"cut.wasm\" ");
  }

  @Test
  void aBadListenAddressIsAUsageError() {
    assertThat(run("up", "--listen", "localhost:http")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains(
            "invalid address 'localhost:http': use HOST:PORT, [IPv6]:PORT or PORT (0-65535),"
                + " e.g. 127.0.0.1:3000");
  }

  @Test
  void plainHttpToARemoteRegistryIsRefusedWithAClearMessage() {
    assertThat(run("up", "--from", "ghcr.io/acme/app:1.0", "--insecure"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains(
            "registry ghcr.io: plain HTTP (--insecure) is allowed only for a registry on this");
  }

  @Test
  void versionNamesWasmletAndTheEngine() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("wasmlet ").contains("engine: Chicory 1.7.5");
  }

  @Test
  void checkStartsTheAppAnswersItsHealthCheckAndExits() {
    String app = ServerProcess.root().resolve("examples/hello-c").toString();
    assertThat(run("up", app, "--check", "--listen", "127.0.0.1:0", "--cache-dir", dir.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("serving app \"hello-c\"")
        .contains("/hello -> hello")
        .endsWith("check passed\n")
        .doesNotContain("Ctrl-C");
  }
}
