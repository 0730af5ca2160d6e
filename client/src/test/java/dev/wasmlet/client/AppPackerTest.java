package dev.wasmlet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPackerTest {
  @TempDir Path tmp;

  static Path examples() {
    return Path.of(System.getProperty("wasmlet.root", ".."))
        .toAbsolutePath()
        .normalize()
        .resolve("examples");
  }

  private static String sha256(Path f) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void helloCPacksItsManifestAndModuleWithTheirDigests() throws Exception {
    Path dir = examples().resolve("hello-c");
    PackedApp app = AppPacker.pack(dir);
    assertThat(app.name()).isEqualTo("hello-c");
    assertThat(app.manifest()).isEqualTo("wasmlet.toml");
    assertThat(app.fileMap())
        .containsExactly(
            java.util.Map.entry("hello.wasm", sha256(dir.resolve("hello.wasm"))),
            java.util.Map.entry("wasmlet.toml", sha256(dir.resolve("wasmlet.toml"))));
    assertThat(app.totalBytes())
        .isEqualTo(Files.size(dir.resolve("hello.wasm")) + Files.size(dir.resolve("wasmlet.toml")));
  }

  @Test
  void staticCPacksEveryFileOfItsMountedDirectoryButNotItsSourcesOrScripts() throws Exception {
    Path dir = examples().resolve("static-c");
    PackedApp app = AppPacker.pack(dir.resolve("wasmlet.toml"));
    assertThat(app.fileMap().keySet())
        .containsExactly(
            "public/data/info.txt",
            "public/index.html",
            "public/style.css",
            "static.wasm",
            "wasmlet.toml");
    assertThat(app.fileMap().get("public/data/info.txt"))
        .isEqualTo(sha256(dir.resolve("public/data/info.txt")));
    assertThat(app.files()).allSatisfy(f -> assertThat(f.size()).isEqualTo(Files.size(f.source())));
  }

  @Test
  void anAppWithARequiredSecretPacksWithoutItsValue() throws Exception {
    Files.copy(examples().resolve("hello-c/hello.wasm"), tmp.resolve("hello.wasm"));
    Files.writeString(
        tmp.resolve("wasmlet.toml"),
        """
        wasmlet_manifest_version = 1
        [application]
        name = "vault"
        [variables]
        token = { required = true, secret = true }
        [[trigger.http]]
        route = "/"
        component = "hello"
        [component.hello]
        source = "hello.wasm"
        variables = { token = "{{ token }}" }
        """);
    PackedApp app = AppPacker.pack(tmp);
    assertThat(app.fileMap()).containsOnlyKeys("hello.wasm", "wasmlet.toml");
  }

  @Test
  void anInvalidManifestFailsWithItsLineAndFix() throws Exception {
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
    assertThatThrownBy(() -> AppPacker.pack(tmp))
        .isInstanceOf(PackFailed.class)
        .hasMessageContaining("wasmlet.toml:8")
        .hasMessageContaining("missing.wasm");
  }

  @Test
  void aDirectoryWithoutManifestIsNamed() {
    assertThatThrownBy(() -> AppPacker.pack(tmp))
        .isInstanceOf(PackFailed.class)
        .hasMessageContaining("no wasmlet.toml or spin.toml in " + tmp);
  }
}
