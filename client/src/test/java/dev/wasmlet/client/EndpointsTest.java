package dev.wasmlet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
  @TempDir Path tmp;
  private Path config;
  private HostEnvironment bare;

  @BeforeEach
  void contexts() throws Exception {
    config = tmp.resolve("config.json");
    Files.writeString(tmp.resolve("prod.token"), "wl_prod\n");
    Contexts.load(config)
        .with(
            "prod",
            new Context(
                "https://prod.example.com:7070",
                Optional.empty(),
                Optional.of(tmp.resolve("prod.token"))))
        .with(
            "staging", new Context("http://staging:7070", Optional.of("wl_stg"), Optional.empty()))
        .save();
    bare = new HostEnvironment(Map.of("WASMLET_DATA", tmp.resolve("data").toString()), tmp);
  }

  private static Selection flags(String server, String token, String context) {
    return new Selection(
        Optional.ofNullable(server), Optional.ofNullable(token), Optional.ofNullable(context));
  }

  private HostEnvironment env(String... kv) {
    Map<String, String> m = new java.util.HashMap<>(bare.variables());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new HostEnvironment(m, tmp);
  }

  @Test
  void theCurrentContextGivesServerAndTokenFromItsFile() {
    Endpoint e = Endpoints.resolve(Selection.none(), bare, config);
    assertThat(e.server()).isEqualTo("https://prod.example.com:7070");
    assertThat(e.token()).contains("wl_prod");
    assertThat(e.origin()).isEqualTo("context \"prod\"");
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheCurrentContext() {
    assertThat(Endpoints.resolve(Selection.none(), env("WASMLET_CONTEXT", "staging"), config))
        .isEqualTo(
            new Endpoint("http://staging:7070", Optional.of("wl_stg"), "context \"staging\""));
    assertThat(
            Endpoints.resolve(flags(null, null, "prod"), env("WASMLET_CONTEXT", "staging"), config)
                .server())
        .isEqualTo("https://prod.example.com:7070");
    Endpoint e =
        Endpoints.resolve(
            flags(null, "wl_flag", null),
            env("WASMLET_SERVER", "http://env:7070", "WASMLET_TOKEN", "wl_env"),
            config);
    assertThat(e.server()).isEqualTo("http://env:7070");
    assertThat(e.token()).contains("wl_flag");
    assertThat(e.origin()).isEqualTo("WASMLET_SERVER");
  }

  @Test
  void aContextsTokenIsNeverSentToAnotherServer() {
    Endpoint e = Endpoints.resolve(flags("http://elsewhere:7070", null, null), bare, config);
    assertThat(e.server()).isEqualTo("http://elsewhere:7070");
    assertThat(e.token()).isEmpty();
  }

  @Test
  void theLocalDefaultServerUsesTheDefaultDataDirsAdminToken() throws Exception {
    Path none = tmp.resolve("none.json");
    assertThat(Endpoints.resolve(Selection.none(), bare, none))
        .isEqualTo(new Endpoint("http://127.0.0.1:7070", Optional.empty(), "the default"));
    Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("data/admin.token"), "wl_local\n");
    assertThat(Endpoints.resolve(Selection.none(), bare, none).token()).contains("wl_local");
    assertThat(Endpoints.resolve(flags("localhost:7070", null, null), bare, none).token())
        .contains("wl_local");
    assertThat(Endpoints.resolve(flags("http://127.0.0.1:7071", null, null), bare, none).token())
        .isEmpty();
  }

  @Test
  void anUnknownContextOrUnreadableTokenFileIsNamed() throws Exception {
    assertThatThrownBy(() -> Endpoints.resolve(flags(null, null, "dev"), bare, config))
        .isInstanceOf(ConfigInvalid.class)
        .hasMessageStartingWith("no context named \"dev\" in " + config);
    Files.delete(tmp.resolve("prod.token"));
    assertThatThrownBy(() -> Endpoints.resolve(Selection.none(), bare, config))
        .isInstanceOf(ConfigInvalid.class)
        .hasMessageContaining("cannot read the token file " + tmp.resolve("prod.token"))
        .hasMessageContaining("of context \"prod\"");
  }

  @Test
  void withServerAndTokenGivenTheContextsFileIsNotRead() throws Exception {
    Files.writeString(config, "not json");
    assertThat(Endpoints.resolve(flags("http://a:1", "wl_a", null), bare, config).token())
        .contains("wl_a");
  }
}
