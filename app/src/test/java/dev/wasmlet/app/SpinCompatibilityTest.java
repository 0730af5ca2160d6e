package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpinCompatibilityTest {
  private static final Path DIR = Path.of("src/test/resources/valid/spin-wagi");
  private static final Map<String, String> TOKEN = Map.of("api_token", "secret");

  @Test
  void aSpinWagiAppLocksFromItsDirectoryUnmodified() {
    LockedApp app = Manifests.lock(DIR, TOKEN);

    assertThat(app.name()).isEqualTo("shop");
    assertThat(app.version()).isEqualTo("1.2.0");
    assertThat(app.components()).containsOnlyKeys("shop", "admin");
  }

  @Test
  void theBaseIsAppliedToEveryRoute() {
    LockedApp app = Manifests.lock(DIR, TOKEN);

    assertThat(app.routes())
        .extracting(LockedRoute::route)
        .containsExactly("/shop/...", "/shop/admin", "");
    assertThat(app.route("/shop/cart/1"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().componentId()).isEqualTo("shop");
              assertThat(m.pathInfo()).isEqualTo("/cart/1");
            });
    assertThat(app.route("/shop/admin").orElseThrow().route().componentId()).isEqualTo("admin");
    assertThat(app.route("/admin")).isEmpty();
  }

  @Test
  void theWagiExecutorsArgvAndEntrypointAreKept() {
    LockedRoute admin = Manifests.lock(DIR, TOKEN).routes().get(1);

    assertThat(admin.wagi().entrypoint()).isEqualTo("_start");
    assertThat(admin.wagi().argv("/shop/admin", "a=1"))
        .containsExactly("/shop/admin", "--verbose", "a=1");
  }

  @Test
  void aPrivateRouteIsLockedButNeverRouted() {
    LockedRoute internal = Manifests.lock(DIR, TOKEN).routes().get(2);

    assertThat(internal.isPrivate()).isTrue();
    assertThat(internal.componentId()).isEqualTo("admin");
  }

  @Test
  void spinFilesGlobsExcludesAndMappingsAreMounted() {
    LockedComponent shop = Manifests.lock(DIR, TOKEN).components().get("shop");

    assertThat(shop.files())
        .extracting(FileMount::guestPath, FileMount::isDirectory)
        .containsExactlyInAnyOrder(
            tuple("/static/css/site.css", false),
            tuple("/static/index.html", false),
            tuple("/assets", true));
    assertThat(shop.environment()).containsExactly(Map.entry("RUST_LOG", "info"));
    assertThat(shop.allowedOutboundHosts())
        .containsExactly("https://api.example.com", "https://*.cdn.example.com:8443");
  }

  @Test
  void theLenientModelKeepsSpinOnlyInformation() {
    Manifest manifest = Manifests.parse(DIR);

    assertThat(manifest.format()).isEqualTo(ManifestFormat.SPIN);
    assertThat(manifest.manifestVersion()).isEqualTo(2);
    assertThat(manifest.application().authors()).containsExactly("Ada <ada@example.com>");
    assertThat(manifest.application().base()).contains("/shop");
    assertThat(manifest.triggers().get(0).id()).contains("shop-front");
    assertThat(manifest.components().get("shop").buildCommand())
        .contains("cargo build --target wasm32-wasi --release");
  }
}
