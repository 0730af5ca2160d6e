package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockingTest {
  private static final Path FULL = Path.of("src/test/resources/valid/full");
  private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 4, 1, 0};

  @TempDir Path dir;

  @Test
  void lockingPinsEachModuleToTheSha256OfItsBytes() throws Exception {
    LockedApp app = Manifests.lock(FULL);

    for (LockedComponent c : app.components().values()) {
      byte[] bytes = Files.readAllBytes(c.source());
      String expected =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(c.sha256()).as(c.id()).isEqualTo(expected);
      assertThat(c.sizeBytes()).isEqualTo(bytes.length);
    }
  }

  @Test
  void theDigestChangesWhenTheModuleChanges() throws IOException {
    write("wasmlet.toml", manifest(""));
    Files.write(dir.resolve("app.wasm"), MODULE);
    String before = Manifests.lock(dir).components().get("app").sha256();

    Files.write(dir.resolve("app.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});

    assertThat(Manifests.lock(dir).components().get("app").sha256()).isNotEqualTo(before);
  }

  @Test
  void pathsAreAbsoluteAndResolved() throws IOException {
    LockedApp app = Manifests.lock(FULL);

    assertThat(app.baseDir()).isEqualTo(FULL.toRealPath());
    assertThat(app.components().get("api").source())
        .isEqualTo(FULL.resolve("api.wasm").toRealPath());
    assertThat(app.components().get("web").files())
        .allSatisfy(f -> assertThat(f.hostPath()).isAbsolute().startsWith(app.baseDir()));
  }

  @Test
  void globsBecomeOneMountPerFileAndTablesMountADirectoryOrFile() {
    LockedComponent web = Manifests.lock(FULL).components().get("web");

    assertThat(web.files())
        .extracting(FileMount::guestPath, FileMount::isDirectory)
        .containsExactly(
            tuple("/static/img/a.png", false),
            tuple("/static/top.css", false),
            tuple("/www", true),
            tuple("/index.html", false));
  }

  @Test
  void limitsAreParsedPerComponent() {
    LockedApp app = Manifests.lock(FULL);

    Limits web = app.components().get("web").limits();
    assertThat(web).isEqualTo(new Limits(16L << 20, Duration.ofMillis(1500), 65536, 1L << 20));
    Limits api = app.components().get("api").limits();
    assertThat(api.maxMemoryBytes()).isEqualTo(4L << 30);
    assertThat(api.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(api.maxResponseBytes()).isEqualTo(Limits.defaults().maxResponseBytes());
  }

  @Test
  void aSymlinkOutOfTheAppIsRejectedNamingTheLinkAndItsTarget(@TempDir Path outside)
      throws IOException {
    write("wasmlet.toml", manifest("files = [{ source = \"public\", destination = \"/p\" }]"));
    Files.write(dir.resolve("app.wasm"), MODULE);
    Files.createDirectories(dir.resolve("public"));
    Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(dir.resolve("public/leak"), secret);

    assertThatThrownBy(() -> Manifests.lock(dir))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessage(
            "wasmlet.toml:10: component \"app\": files entry { source = \"public\" }: symlink"
                + " \"public/leak\" points outside the app directory (to \""
                + secret
                + "\"); copy the file into the app instead");
  }

  @Test
  void aGlobMatchingASymlinkOutOfTheAppIsRejected(@TempDir Path outside) throws IOException {
    write("wasmlet.toml", manifest("files = [\"static/*\"]"));
    Files.write(dir.resolve("app.wasm"), MODULE);
    Files.createDirectories(dir.resolve("static"));
    Files.writeString(dir.resolve("static/ok.txt"), "ok");
    Files.createSymbolicLink(dir.resolve("static/leak"), outside);

    assertThatThrownBy(() -> Manifests.lock(dir))
        .hasMessageContaining("symlink \"static/leak\" points outside the app directory");
  }

  @Test
  void aSymlinkInsideTheAppIsMountedAtItsRealPath() throws IOException {
    write("wasmlet.toml", manifest("files = [\"static/*\"]"));
    Files.write(dir.resolve("app.wasm"), MODULE);
    Files.createDirectories(dir.resolve("static"));
    Path real = Files.writeString(dir.resolve("real.txt"), "ok");
    Files.createSymbolicLink(dir.resolve("static/alias.txt"), real);

    LockedComponent app = Manifests.lock(dir).components().get("app");

    assertThat(app.files())
        .containsExactly(new FileMount(real.toRealPath(), "/static/alias.txt", false));
  }

  @Test
  void aDirectoryIsLookedUpForWasmletTomlBeforeSpinToml() throws IOException {
    write("spin.toml", "this would not parse");
    write("wasmlet.toml", manifest(""));
    Files.write(dir.resolve("app.wasm"), MODULE);

    assertThat(Manifests.find(dir)).isEqualTo(dir.resolve("wasmlet.toml"));
    assertThat(Manifests.lock(dir).name()).isEqualTo("app");
  }

  @Test
  void aDirectoryWithoutAManifestIsAnAppException() {
    assertThatThrownBy(() -> Manifests.lock(dir))
        .isExactlyInstanceOf(AppException.class)
        .hasMessageStartingWith("no wasmlet.toml or spin.toml in " + dir);
  }

  @Test
  void theLockedAppCannotBeChanged() {
    LockedApp app = Manifests.lock(FULL);

    assertThatThrownBy(() -> app.routes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> app.components().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> app.components().get("web").files().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aHealthRouteServedByAPublicRouteIsLockedAsWritten() throws IOException {
    write(
        "wasmlet.toml",
        manifest("").replace("name = \"app\"\n", "name = \"app\"\nhealth = \"/health\"\n"));
    Files.write(dir.resolve("app.wasm"), MODULE);

    LockedApp app = Manifests.lock(dir);

    assertThat(app.healthRoute()).contains("/health");
    assertThat(app.route(app.healthRoute().orElseThrow())).isPresent();
  }

  @Test
  void aHealthRouteIsMatchedAfterTheBaseIsApplied() throws IOException {
    write(
        "wasmlet.toml",
        manifest("")
            .replace(
                "name = \"app\"\n",
                "name = \"app\"\nhealth = \"/shop/health\"\n"
                    + "[application.trigger.http]\nbase = \"/shop\"\n"));
    Files.write(dir.resolve("app.wasm"), MODULE);

    assertThat(Manifests.lock(dir).healthRoute()).contains("/shop/health");
  }

  @Test
  void anAppWithoutAHealthKeyHasNoHealthRoute() throws IOException {
    write("wasmlet.toml", manifest(""));
    Files.write(dir.resolve("app.wasm"), MODULE);

    assertThat(Manifests.lock(dir).healthRoute()).isEmpty();
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static String manifest(String componentExtra) {
    return """
        wasmlet_manifest_version = 1
        [application]
        name = "app"
        [[trigger.http]]
        route = "/..."
        component = "app"
        [component.app]
        source = "app.wasm"

        %s
        """
        .formatted(componentExtra);
  }
}
