package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Component tables written inline in a trigger, named as Spin's normalisation names them
 * (crates/manifest/src/normalize.rs and its tests/ui/normalization.toml fixture).
 */
class InlineComponentTest {
  private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

  @TempDir Path dir;

  @BeforeEach
  void module() throws IOException {
    Files.write(dir.resolve("app.wasm"), MODULE);
    Files.write(dir.resolve("other.wasm"), MODULE);
  }

  private LockedApp lock(String manifest) throws IOException {
    Files.writeString(dir.resolve("spin.toml"), manifest);
    return Manifests.lock(dir.resolve("spin.toml"));
  }

  @Test
  void spinsOwnWagiTestManifestRunsAsWritten() throws IOException {
    // tests/testcases/wagi-http/spin.toml in Spin, with the source path filled in
    LockedApp app =
        lock(
            """
            spin_manifest_version = 2

            [application]
            authors = ["Spin Framework Contributors"]
            description = "Test using WAGI HTTP."
            name = "wagi-http"
            version = "1.0.0"

            [[trigger.http]]
            route = "/..."
            executor = { type = "wagi" }
            [trigger.http.component]
            source = "app.wasm"
            """);
    assertThat(app.components()).containsOnlyKeys("http-trigger1-component");
    assertThat(app.routes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.route()).isEqualTo("/...");
              assertThat(r.componentId()).isEqualTo("http-trigger1-component");
            });
    assertThat(app.components().get("http-trigger1-component").source())
        .isEqualTo(dir.resolve("app.wasm").toRealPath());
  }

  @Test
  void idsFollowSpinsNormalisation() throws IOException {
    LockedApp app =
        lock(
            """
            spin_manifest_version = 2
            [application]
            name = "normalization"

            [[trigger.http]]
            route = "/"
            component = "hello"
            executor = { type = "wagi" }

            [[trigger.http]]
            id = "admin-handler"
            route = "/admin"
            component = { source = "other.wasm", environment = { ROLE = "admin" } }
            executor = { type = "wagi" }

            [[trigger.http]]
            route = "/other/..."
            component = { source = "other.wasm" }
            executor = { type = "wagi" }

            [component.hello]
            source = "app.wasm"
            """);
    assertThat(app.components().keySet())
        .containsExactly("hello", "admin-handler-component", "http-trigger1-component");
    assertThat(app.routes())
        .extracting(LockedRoute::componentId)
        .containsExactly("hello", "admin-handler-component", "http-trigger1-component");
    assertThat(app.components().get("admin-handler-component").environment())
        .containsEntry("ROLE", "admin");
    Manifest m = Manifests.parse(dir.resolve("spin.toml"));
    assertThat(m.triggers())
        .extracting(t -> t.id().orElseThrow())
        .containsExactly("hello-http-trigger", "admin-handler", "http-trigger1");
  }

  @Test
  void anInlineIdTakenByANamedComponentFallsBackToInlineComponentN() throws IOException {
    LockedApp app =
        lock(
            """
            wasmlet_manifest_version = 1
            [application]
            name = "clash"

            [[trigger.http]]
            route = "/a"
            component = { source = "other.wasm" }

            [[trigger.http]]
            route = "/b"
            component = "http-trigger1-component"

            [[trigger.http]]
            id = "Not_Kebab"
            route = "/c"
            component = { source = "other.wasm" }

            [component.http-trigger1-component]
            source = "app.wasm"
            """);
    assertThat(app.routes())
        .extracting(LockedRoute::componentId)
        .containsExactly("inline-component1", "http-trigger1-component", "inline-component2");
  }

  @Test
  void aProblemInAnInlineComponentNamesItAndItsLine() throws IOException {
    Files.writeString(
        dir.resolve("spin.toml"),
        """
        spin_manifest_version = 2
        [application]
        name = "broken"

        [[trigger.http]]
        route = "/..."
        executor = { type = "wagi" }
        [trigger.http.component]
        sourse = "app.wasm"
        """);
    assertThatThrownBy(() -> Manifests.lock(dir.resolve("spin.toml")))
        .isInstanceOf(ManifestInvalid.class)
        .satisfies(
            e -> {
              List<String> lines = List.of(e.getMessage().split("\n"));
              assertThat(lines)
                  .anySatisfy(
                      l ->
                          assertThat(l)
                              .contains("spin.toml:9:")
                              .contains("component \"http-trigger1-component\"")
                              .contains("sourse"));
            });
  }
}
