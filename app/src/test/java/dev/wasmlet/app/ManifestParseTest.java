package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestParseTest {
  private static final Path FULL = Path.of("src/test/resources/valid/full/wasmlet.toml");

  @Test
  void theLenientModelKeepsWhatTheUserWrote() {
    Manifest m = Manifests.parse(FULL);

    assertThat(m.format()).isEqualTo(ManifestFormat.WASMLET);
    assertThat(m.application().name()).isEqualTo("full_app-1");
    assertThat(m.application().base()).isEmpty();
    assertThat(m.variables().get("db_password"))
        .isEqualTo(new VariableSpec("db_password", Optional.of("hunter2"), false, true));
    ComponentSpec web = m.components().get("web");
    assertThat(web.limits())
        .isEqualTo(
            new LimitsSpec(
                Optional.of("16MiB"),
                Optional.of("1500ms"),
                Optional.of("65536"),
                Optional.of("1MiB")));
    assertThat(web.variables()).containsEntry("password", "{{db_password}}");
    assertThat(web.files())
        .containsExactly(
            new FilesSpec.Glob("static/**/*"),
            new FilesSpec.Mapping("public", "/www/"),
            new FilesSpec.Mapping("public/index.html", "/index.html"));
    assertThat(web.excludeFiles()).containsExactly("**/*.tmp");
    assertThat(m.components().get("api").source()).isEqualTo("./api.wasm");
    assertThat(m.components().get("api").buildCommand()).contains("./build.sh");
  }

  @Test
  void triggersKeepTheirRouteAndExecutorAsWritten() {
    Manifest m = Manifests.parse(FULL);

    assertThat(m.triggers()).hasSize(4);
    TriggerSpec first = m.triggers().get(0);
    assertThat(first.executor()).isEmpty();
    assertThat(first.route()).isEqualTo("/");
    TriggerSpec api = m.triggers().get(1);
    assertThat(api.number()).isEqualTo(2);
    assertThat(api.executor())
        .contains(new ExecutorSpec("wagi", Optional.of("api ${ARGS}"), Optional.empty()));
  }

  @Test
  void parsingDoesNotLookAtTheFileSystem() {
    Manifest m = Manifests.parse(Path.of("src/test/resources/invalid/missing-source.toml"));

    assertThat(m.components().get("hello").source()).isEqualTo("helo.wasm");
  }

  @Test
  void parsingStillRejectsUnknownKeys() {
    assertThatThrownBy(
            () -> Manifests.parse(Path.of("src/test/resources/invalid/unknown-key.toml")))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("did you mean \"max_memory\"?");
  }

  @Test
  void theMinimalManifestTakesEveryDefault() {
    LockedApp app = Manifests.lock(Path.of("src/test/resources/valid/minimal"));

    LockedComponent hello = app.components().get("hello");
    assertThat(hello.limits()).isEqualTo(Limits.defaults());
    assertThat(hello.files()).isEmpty();
    assertThat(hello.environment()).isEqualTo(Map.of());
    assertThat(app.routes().get(0).wagi()).isEqualTo(WagiConfig.defaults());
    assertThat(app.version()).isEmpty();
  }

  @Test
  void suggestionsAreWithinTwoEdits() {
    assertThat(Suggestions.distance("max_memroy", "max_memory")).isEqualTo(2);
    assertThat(Suggestions.closest("enviroment", java.util.List.of("environment", "files")))
        .contains("environment");
    assertThat(Suggestions.closest("colour", java.util.List.of("source", "files"))).isEmpty();
  }
}
