package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableTemplatesTest {
  private static final Path FULL = Path.of("src/test/resources/valid/full");
  private static final Path SPIN = Path.of("src/test/resources/valid/spin-wagi");

  @Test
  void referencesAreFoundWithOrWithoutSpaces() {
    assertThat(Templates.references("https://{{host}}:{{ port }}/{{  path_1 }}"))
        .containsExactly("host", "port", "path_1");
    assertThat(Templates.references("no references")).isEmpty();
  }

  @Test
  void renderingReplacesEachReferenceAndKeepsTheLiteralText() {
    assertThat(Templates.render("a {{ x }} b {{y}}{{ x }}", Map.of("x", "1", "y", "2")))
        .isEqualTo("a 1 b 21");
  }

  @Test
  void anUnclosedOrMalformedReferenceIsRejected() {
    assertThatThrownBy(() -> Templates.references("{{ x"))
        .hasMessageContaining("without a closing");
    assertThatThrownBy(() -> Templates.references("{{ Bad-Name }}"))
        .hasMessageContaining("not a variable name");
  }

  @Test
  void componentVariablesAreRenderedFromAppVariableDefaultsAtLockTime() {
    LockedComponent web = Manifests.lock(FULL).components().get("web");

    assertThat(web.variables())
        .containsExactly(Map.entry("message", "hello, world"), Map.entry("password", "hunter2"));
  }

  @Test
  void givenValuesOverrideDefaults() {
    LockedApp app = Manifests.lock(FULL, Map.of("greeting", "hi"));

    assertThat(app.components().get("web").variables()).containsEntry("message", "hi, world");
    assertThat(app.variables()).containsEntry("greeting", "hi");
  }

  @Test
  void secretVariablesAreNeitherInTheAppVariablesNorInToString() {
    LockedApp app = Manifests.lock(FULL);

    assertThat(app.variables()).containsOnlyKeys("greeting");
    assertThat(app.components().get("web").toString())
        .contains("password")
        .doesNotContain("hunter2");
  }

  @Test
  void aRequiredVariableWithoutAValueFailsAndWithOneLocks() {
    assertThatThrownBy(() -> Manifests.lock(SPIN))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessage(
            "spin.toml:14: variable \"api_token\" is required but has no value; give it one when"
                + " starting the app");

    LockedApp app = Manifests.lock(SPIN, Map.of("api_token", "t0k3n"));

    assertThat(app.components().get("shop").variables())
        .containsEntry("auth_header", "Bearer t0k3n")
        .containsEntry("api_url", "https://api.example.com");
    assertThat(app.variables()).doesNotContainKey("api_token");
  }

  @Test
  void aValueForAnUndeclaredVariableIsRejectedWithASuggestion() {
    assertThatThrownBy(() -> Manifests.lock(FULL, Map.of("greting", "x")))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("variable \"greting\", which [variables] does not declare")
        .hasMessageContaining("did you mean \"greeting\"?");
  }
}
