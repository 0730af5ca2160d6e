package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An app from elsewhere (a deployment's uploaded files, a pulled artifact) may only run its own
 * files: every hostile source is refused with one message that says nothing about the host.
 */
class ConfinedLockingTest {
  private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

  @TempDir Path tmp;
  private Path app;
  private Path hostFile;

  @BeforeEach
  void layout() throws IOException {
    app = Files.createDirectories(tmp.resolve("revision"));
    Files.write(app.resolve("app.wasm"), MODULE);
    hostFile = tmp.resolve("host-only.wasm");
    Files.write(hostFile, MODULE);
  }

  private void manifest(String source) throws IOException {
    Files.writeString(
        app.resolve("wasmlet.toml"),
        "wasmlet_manifest_version = 1\n[application]\nname = \"x\"\n\n[[trigger.http]]\n"
            + "route = \"/...\"\ncomponent = \"api\"\n\n[component.api]\nsource = \""
            + source.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"\n");
  }

  private String refusal(String source) throws IOException {
    manifest(source);
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> Manifests.lockConfined(app, Map.of()));
    assertThat(t).as("source %s", source).isInstanceOf(ManifestInvalid.class);
    return t.getMessage();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HOST", // the absolute path of a real host file
        "/no/such/host/file.wasm",
        "../host-only.wasm",
        "../no-such.wasm",
        "a/../../host-only.wasm",
        "/etc/passwd",
        "."
      })
  void aSourceOutsideTheAppIsRefusedAlikeWhetherOrNotTheHostHasIt(String source)
      throws IOException {
    String given = source.equals("HOST") ? hostFile.toString() : source;
    String message = refusal(given);
    assertThat(message)
        .contains("component \"api\": source \"" + given + "\" is not one of the app's files")
        .doesNotContain("does not exist")
        .doesNotContain("not a WebAssembly module")
        .doesNotContain(tmp.toString() + "/revision");
  }

  @Test
  void encodedFormsNeverReachTheHost() throws IOException {
    // A TOML escape is decoded by TOML, so \u002e\u002e is "..": refused like it.
    Files.writeString(
        app.resolve("wasmlet.toml"),
        "wasmlet_manifest_version = 1\n[application]\nname = \"x\"\n\n[[trigger.http]]\n"
            + "route = \"/...\"\ncomponent = \"api\"\n\n[component.api]\n"
            + "source = \"\\u002e\\u002e/host-only.wasm\"\n");
    assertThatThrownBy(() -> Manifests.lockConfined(app, Map.of()))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("source \"../host-only.wasm\" is not one of the app's files");
    // Percent-encoding means nothing in a file path: it names a file inside the app, never ".."
    for (String encoded : new String[] {"%2e%2e/host-only.wasm", "..%2fhost-only.wasm"}) {
      String message = refusalOrMissing(encoded);
      assertThat(message)
          .as(encoded)
          .contains("does not exist")
          .doesNotContain(hostFile.getFileName() + " is")
          .contains(app.toRealPath().toString());
    }
  }

  private String refusalOrMissing(String source) throws IOException {
    manifest(source);
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> Manifests.lockConfined(app, Map.of()));
    assertThat(t).as("source %s", source).isInstanceOf(ManifestInvalid.class);
    return t.getMessage();
  }

  @Test
  void theRefusalReadsTheSameForAnExistingAndAMissingHostFile() throws IOException {
    String existing = refusal(hostFile.toString()).replace(hostFile.toString(), "P");
    String missing =
        refusal(tmp.resolve("missing.wasm").toString())
            .replace(tmp.resolve("missing.wasm").toString(), "P");
    assertThat(existing).isEqualTo(missing);
  }

  @Test
  void aSymlinkInsideTheAppIsRefusedWhereverItPoints() throws IOException {
    Files.createSymbolicLink(app.resolve("link.wasm"), hostFile);
    assertThat(refusal("link.wasm")).contains("is not one of the app's files");
    Files.createDirectories(tmp.resolve("outside"));
    Files.write(tmp.resolve("outside/m.wasm"), MODULE);
    Files.createSymbolicLink(app.resolve("dir"), tmp.resolve("outside"));
    assertThat(refusal("dir/m.wasm")).contains("is not one of the app's files");
  }

  @Test
  void theAppsOwnModuleLocksAndLocalAppsMayStillUseBuildOutputsOutside() throws IOException {
    manifest("app.wasm");
    assertThat(Manifests.lockConfined(app, Map.of()).components().get("api").source())
        .isEqualTo(app.resolve("app.wasm").toRealPath());
    manifest("../host-only.wasm");
    assertThat(Manifests.lock(app).components().get("api").source())
        .isEqualTo(hostFile.toRealPath());
  }

  @Test
  void mountedFilesAreConfinedInBothModes() throws IOException {
    Files.writeString(
        app.resolve("wasmlet.toml"),
        "wasmlet_manifest_version = 1\n[application]\nname = \"x\"\n\n[[trigger.http]]\n"
            + "route = \"/...\"\ncomponent = \"api\"\n\n[component.api]\nsource = \"app.wasm\"\n"
            + "files = [{ source = \"../\", destination = \"/host\" }]\n");
    assertThatThrownBy(() -> Manifests.lockConfined(app, Map.of()))
        .isInstanceOf(ManifestInvalid.class);
    assertThatThrownBy(() -> Manifests.lock(app)).isInstanceOf(ManifestInvalid.class);
  }
}
