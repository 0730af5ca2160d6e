package dev.wasmlet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextsTest {
  @TempDir Path tmp;

  @Test
  void aMissingFileHasNoContexts() {
    Contexts c = Contexts.load(tmp.resolve("none.json"));
    assertThat(c.contexts()).isEmpty();
    assertThat(c.current()).isEmpty();
  }

  @Test
  void savedContextsReadBackAndTheFileIsOwnerOnly() throws Exception {
    Path file = tmp.resolve("wasmlet/config.json");
    Contexts.load(file)
        .with("local", new Context("127.0.0.1:7070/", Optional.empty(), Optional.empty()))
        .with(
            "prod", new Context("https://admin.example.com", Optional.of("wl_x"), Optional.empty()))
        .save();
    Contexts back = Contexts.load(file);
    assertThat(back.current()).contains("local");
    assertThat(back.context("local").server()).isEqualTo("http://127.0.0.1:7070");
    assertThat(back.context("prod").token()).contains("wl_x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file))
        .contains("\"current\" : \"local\"")
        .contains("\"server\" : \"https://admin.example.com\"");
  }

  @Test
  void usingAndRemovingMoveTheCurrentContext() {
    Path file = tmp.resolve("c.json");
    Context a = new Context("http://a:7070", Optional.empty(), Optional.empty());
    Contexts c = Contexts.load(file).with("a", a).with("b", a).withCurrent("b");
    assertThat(c.current()).contains("b");
    assertThat(c.without("b").current()).isEmpty();
    assertThat(c.without("a").contexts()).containsOnlyKeys("b");
  }

  @Test
  void unknownContextsAndBadServersAreNamed() {
    Path file = tmp.resolve("c.json");
    assertThatThrownBy(() -> Contexts.load(file).withCurrent("prod"))
        .isInstanceOf(ConfigInvalid.class)
        .hasMessage(
            "no context named \"prod\" in "
                + file
                + "; see wasmlet context list, or add it with wasmlet context add prod --server"
                + " URL");
    assertThatThrownBy(() -> new Context("ftp://x", Optional.empty(), Optional.empty()))
        .hasMessage(
            "server \"ftp://x\" is not an admin API address; use http://HOST:PORT, e.g."
                + " http://127.0.0.1:7070");
    assertThatThrownBy(() -> new Context("http://x:7070/api", Optional.empty(), Optional.empty()))
        .isInstanceOf(ConfigInvalid.class);
    assertThatThrownBy(() -> Context.checkName("my context"))
        .hasMessageContaining("context name \"my context\" must be");
  }

  @Test
  void aCorruptFileIsNamedWithTheFix() throws Exception {
    Path file = tmp.resolve("c.json");
    Files.writeString(file, "{\"contexts\":{\"x\":{}}}");
    assertThatThrownBy(() -> Contexts.load(file))
        .isInstanceOf(ConfigInvalid.class)
        .hasMessageContaining("the contexts file " + file + " is invalid")
        .hasMessageContaining("context \"x\" has no \"server\"");
  }

  @Test
  void theDefaultFileFollowsWasmletConfigThenXdgThenHome() {
    Path home = tmp.resolve("home");
    assertThat(Contexts.defaultFile(new HostEnvironment(Map.of(), home)))
        .isEqualTo(home.resolve(".config/wasmlet/config.json"));
    assertThat(Contexts.defaultFile(new HostEnvironment(Map.of("XDG_CONFIG_HOME", "/x"), home)))
        .isEqualTo(Path.of("/x/wasmlet/config.json"));
    assertThat(
            Contexts.defaultFile(
                new HostEnvironment(
                    Map.of("XDG_CONFIG_HOME", "/x", "WASMLET_CONFIG", "/y/c.json"), home)))
        .isEqualTo(Path.of("/y/c.json"));
  }

  @Test
  void theDefaultDataDirFollowsWasmletDataThenXdgThenHome() {
    Path home = tmp.resolve("home");
    assertThat(DataDirs.defaultDataDir(new HostEnvironment(Map.of(), home)))
        .isEqualTo(home.resolve(".local/share/wasmlet"));
    assertThat(DataDirs.defaultDataDir(new HostEnvironment(Map.of("XDG_DATA_HOME", "/d"), home)))
        .isEqualTo(Path.of("/d/wasmlet"));
    assertThat(
            DataDirs.defaultDataDir(
                new HostEnvironment(Map.of("XDG_DATA_HOME", "/d", "WASMLET_DATA", "/w"), home)))
        .isEqualTo(Path.of("/w"));
  }

  @Test
  void toStringNeverShowsAToken() {
    Context c = new Context("http://a:1", Optional.of("wl_secret"), Optional.empty());
    assertThat(c.toString()).doesNotContain("wl_secret");
    assertThat(new Endpoint("http://a:1", Optional.of("wl_secret"), "x").toString())
        .doesNotContain("wl_secret");
  }
}
