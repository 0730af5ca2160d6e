package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.app.FileMount;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.SpinPushes;
import dev.wasmlet.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An app in the layout {@code spin registry push} writes, pushed to a real registry by skopeo,
 * pulled by Wasmlet, locked, and asked for one page. The trust module has no engine, so the request
 * runs the pulled module under Node's WASI with the locked app's mounts and WAGI variables ({@code
 * examples/tools/wagi-run.mjs}); the gateway serving pulled apps is tested in the cli.
 */
class SpinRegistryIT {
  @TempDir static Path registryDir;
  static LocalRegistry registry;

  @TempDir Path tmp;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.start(registryDir);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  @ParameterizedTest(name = "locked app as a layer (Spin 2 and later): {0}")
  @ValueSource(booleans = {true, false})
  void anAppPushedBySpinIsPulledLockedAndServesAPage(boolean lockedAppAsLayer) throws Exception {
    Path example = Tools.root().resolve("examples/static-c");
    Path layout = SpinPushes.staticC(tmp.resolve("layout"), "0.1.0", lockedAppAsLayer);
    Reference ref =
        Reference.parse(registry.address() + "/spin/static-c-" + lockedAppAsLayer + ":0.1.0");
    Tools.skopeoPush(tmp, layout, "0.1.0", ref.toString());

    PulledApp pulled =
        ArtifactPull.pull(
            Registry.builder(ref).withInsecure(true).build(),
            ref,
            ContentStore.at(tmp.resolve("store")));

    assertThat(pulled.plainModule()).isFalse();
    LockedApp app = Manifests.lock(pulled.directory());
    assertThat(app.name()).isEqualTo("static-c");
    assertThat(app.version()).isEqualTo("0.1.0");
    assertThat(app.components()).containsOnlyKeys("static");
    LockedComponent component = app.components().get("static");
    assertThat("sha256:" + component.sha256())
        .isEqualTo(Sha256.of(Files.readAllBytes(example.resolve("static.wasm"))));
    assertThat(component.files()).extracting(FileMount::guestPath).containsExactly("/");
    Path root = component.files().get(0).hostPath();
    for (String file : new String[] {"index.html", "style.css", "data/info.txt"}) {
      assertThat(root.resolve("public").resolve(file))
          .as("%s, pushed as a layer or inlined in the locked app", file)
          .hasSameBinaryContentAs(example.resolve("public").resolve(file));
    }

    RouteMatch match = app.route("/static/index.html").orElseThrow();
    assertThat(match.route().componentId()).isEqualTo("static");
    String response =
        Tools.run(
            tmp,
            "node",
            "--no-warnings",
            Tools.root().resolve("examples/tools/wagi-run.mjs").toString(),
            component.source().toString(),
            "--env",
            "REQUEST_METHOD=GET",
            "--env",
            "PATH_INFO=" + match.pathInfo(),
            "--dir",
            root + ":/");
    assertThat(response)
        .containsIgnoringCase("content-type: text/html")
        .endsWith(Files.readString(example.resolve("public/index.html")));
  }
}
