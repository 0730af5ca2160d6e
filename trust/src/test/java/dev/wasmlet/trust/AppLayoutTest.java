package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.ManifestInvalid;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AppLayout#plan} on artifacts as Spin pushes them (fixtures under {@code spin/}). */
class AppLayoutTest {
  static final Path SPIN = Path.of("src/test/resources/spin");
  static final Reference REF = Reference.parse("registry.example.com/shop/app:1.2.0");

  @TempDir Path tmp;

  static byte[] read(String path) throws IOException {
    return Files.readAllBytes(SPIN.resolve(path));
  }

  static ImageManifest manifest(String path) throws IOException {
    return ImageManifest.parse(read(path), path);
  }

  static Plan planShop(byte[] lockedApp) throws IOException {
    return AppLayout.plan(
        REF,
        manifest("shop/manifest.json"),
        read("shop/config.json"),
        layer -> {
          assertThat(layer.mediaType()).isEqualTo(MediaTypes.SPIN_CONFIG);
          return lockedApp;
        });
  }

  @Test
  void spinPushedAppLaysOutModulesByComponentFilesUnderTheirPathsAndARebuiltManifest()
      throws IOException {
    ImageManifest m = manifest("shop/manifest.json");
    Plan plan = planShop(read("shop/locked.json"));

    assertThat(plan.plainModule()).isFalse();
    assertThat(plan.files().keySet())
        .containsExactly(
            "modules/shop.wasm",
            "files/shop/static/index.html",
            "files/shop/static/robots.txt",
            "files/shop/static/style.css",
            "files/shop/assets/logo.svg",
            "modules/admin.wasm",
            "wasmlet.toml");
    assertThat(plan.files().get("modules/shop.wasm"))
        .isEqualTo(new Plan.Layer(m.layers().get(0).digest()));
    assertThat(plan.files().get("files/shop/static/index.html"))
        .isEqualTo(new Plan.Layer(m.layers().get(1).digest()));
    assertThat(plan.files().get("modules/admin.wasm"))
        .isEqualTo(new Plan.Layer(m.layers().get(4).digest()));
    assertThat(((Plan.Written) plan.files().get("files/shop/static/robots.txt")).bytes())
        .as("a file Spin inlined (<= 128 bytes) and pushed no layer for")
        .isEqualTo("User-agent: *\nDisallow:\n".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(written(plan, "wasmlet.toml"), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(SPIN.resolve("shop/wasmlet.toml")));
  }

  @Test
  void planDigestsNameEveryLaidOutFileWrittenOnesIncluded() throws IOException {
    Plan plan = planShop(read("shop/locked.json"));

    Map<String, String> digests = plan.digests();

    assertThat(digests).containsOnlyKeys(plan.files().keySet());
    assertThat(digests.get("wasmlet.toml")).isEqualTo(Sha256.of(read("shop/wasmlet.toml")));
    assertThat(digests.get("files/shop/static/robots.txt"))
        .isEqualTo(Sha256.of("User-agent: *\nDisallow:\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(planShop(read("shop/locked.json")).digests())
        .as("the same artifact always plans the same")
        .isEqualTo(digests);
  }

  @Test
  void anArtifactOfSpinBefore2WithTheLockedAppAsConfigLaysOutTheSame() throws IOException {
    Plan plan = AppLayout.plan(REF, manifest("shop/manifest-spin1.json"), read("shop/locked.json"));

    assertThat(plan.digests()).isEqualTo(planShop(read("shop/locked.json")).digests());
  }

  @Test
  void withoutReadingLayersASpin2ArtifactIsRefusedNamingItsLockedAppLayer() throws IOException {
    ImageManifest m = manifest("shop/manifest.json");
    String layer = m.layers().get(m.layers().size() - 1).digest();

    assertThatThrownBy(() -> AppLayout.plan(REF, m, read("shop/config.json")))
        .isInstanceOf(ArtifactUnsupported.class)
        .hasMessage(
            REF
                + ": the artifact was pushed by Spin 2 or later and keeps its locked app in layer "
                + layer
                + ", which was not read; plan it with that layer's bytes");
  }

  @Test
  void theRebuiltManifestLocksWithTheSpinAppsRoutesComponentsAndMounts() throws IOException {
    Path dir = layOut(planShop(read("shop/locked.json")));

    LockedApp app = Manifests.lock(dir, Map.of("api_token", "t0ken"));

    assertThat(app.name()).isEqualTo("shop");
    assertThat(app.version()).isEqualTo("1.2.0");
    assertThat(app.routes())
        .extracting(LockedRoute::route, LockedRoute::componentId, LockedRoute::isPrivate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/shop/...", "shop", false),
            org.assertj.core.groups.Tuple.tuple("/shop/admin", "admin", false),
            org.assertj.core.groups.Tuple.tuple("", "admin", true));
    assertThat(app.routes().get(1).wagi().argv()).isEqualTo("${SCRIPT_NAME} --verbose ${ARGS}");
    assertThat(app.route("/shop/cart").orElseThrow().route().componentId()).isEqualTo("shop");
    LockedComponent shop = app.components().get("shop");
    assertThat(shop.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.guestPath()).isEqualTo("/");
              assertThat(f.hostPath()).isEqualTo(dir.toRealPath().resolve("files/shop"));
            });
    assertThat(shop.files().get(0).hostPath().resolve("static/robots.txt"))
        .hasContent("User-agent: *\nDisallow:\n");
    assertThat(shop.environment()).containsExactly(Map.entry("RUST_LOG", "info"));
    assertThat(shop.allowedOutboundHosts())
        .containsExactly("https://api.example.com", "https://*.cdn.example.com:8443");
    assertThat(shop.variables())
        .containsEntry("api_url", "https://api.example.com")
        .containsEntry("auth_header", "Bearer t0ken");
  }

  @Test
  void spinsHttpExecutorGivenOrByDefaultIsWrittenAsTheSpinExecutorWhichLockingNames()
      throws IOException {
    ObjectNode locked = (ObjectNode) ImageManifest.JSON.readTree(read("shop/locked.json"));
    ((ObjectNode) locked.at("/triggers/0/trigger_config")).remove("executor");
    ((ObjectNode) locked.at("/triggers/1/trigger_config/executor")).removeAll().put("type", "http");
    Plan plan = planShop(ImageManifest.JSON.writeValueAsBytes(locked));
    String toml = new String(written(plan, "wasmlet.toml"), StandardCharsets.UTF_8);

    assertThat(toml.split("executor = \\{ type = \"spin\" }", -1)).hasSize(3);
    Path dir = layOut(plan);
    assertThatThrownBy(() -> Manifests.lock(dir, Map.of("api_token", "t")))
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining(
            "[[trigger.http]] #1: executor type \"spin\" runs wasi:http components, but component"
                + " \"shop\" (shop.wasm) is a core module")
        .hasMessageContaining("[[trigger.http]] #2: executor type \"spin\"");
  }

  @Test
  void spinsKeyValueStoresAndDatabasesAreCarriedIntoTheManifest() throws IOException {
    ObjectNode locked = (ObjectNode) ImageManifest.JSON.readTree(read("shop/locked.json"));
    ObjectNode meta = (ObjectNode) locked.at("/components/0/metadata");
    meta.putArray("key_value_stores").add("default").add("cache");
    meta.putArray("databases").add("default");
    Plan plan = planShop(ImageManifest.JSON.writeValueAsBytes(locked));
    String toml = new String(written(plan, "wasmlet.toml"), StandardCharsets.UTF_8);

    assertThat(toml)
        .contains("key_value_stores = [\"default\", \"cache\"]")
        .contains("sqlite_databases = [\"default\"]");
  }

  static Stream<String> invalidCases() throws IOException {
    try (Stream<Path> files = Files.list(SPIN.resolve("invalid"))) {
      List<String> names = new ArrayList<>();
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("invalidCases")
  void aLockedAppWasmletCannotRunIsRefusedWithTheExactMessage(String name) throws IOException {
    byte[] locked = read("invalid/" + name + ".json");
    String expected = Files.readString(SPIN.resolve("invalid/" + name + ".err")).strip();

    assertThatThrownBy(() -> planShop(locked))
        .isInstanceOf(
            name.equals("inline-mismatch") ? DigestMismatch.class : ArtifactUnsupported.class)
        .hasMessage(expected);
  }

  @Test
  void aFileSpinPackedInAnArchiveLayerIsRefusedNamingTheArchiveAndTheFix() throws IOException {
    ImageManifest m = manifest("shop/manifest.json");
    List<Blob> layers = new ArrayList<>(m.layers());
    layers.remove(2); // static/style.css, as if packed in the archive instead
    layers.add(0, new Blob(MediaTypes.ARCHIVE_LAYER, Sha256.of(new byte[] {1}), 1, Map.of()));
    ImageManifest archived = new ImageManifest(m.mediaType(), m.config(), layers);
    byte[] locked = read("shop/locked.json");

    assertThatThrownBy(() -> AppLayout.plan(REF, archived, read("shop/config.json"), l -> locked))
        .isInstanceOf(ArtifactUnsupported.class)
        .hasMessageContaining("files[2] (\"static/style.css\")")
        .hasMessageEndingWith(
            " is in no layer of the artifact and not inlined (Spin packed it in an archive layer,"
                + " application/vnd.wasm.content.bundle.v1.tar+gzip, which Wasmlet does not"
                + " unpack; push without SPIN_OCI_ARCHIVE_LAYERS)");
  }

  @Test
  void anAppPushedByWasmletStillLaysOutAtItsLayerTitles() {
    AppArtifact artifact = AppArtifact.pack(Tools.root().resolve("examples/static-c"));

    Plan plan = AppLayout.plan(REF, artifact.manifest(), artifact.config());

    assertThat(plan.files().keySet())
        .containsExactlyElementsOf(artifact.files().stream().map(ArtifactFile::path).toList());
    assertThat(plan.files().values()).allMatch(c -> c instanceof Plan.Layer);
  }

  @Test
  void aSingleWasmModuleStillLaysOutAsAOneComponentApp() {
    Blob module = new Blob(MediaTypes.PLAIN_WASM, Sha256.of(new byte[] {0}), 1, Map.of());
    Blob config =
        new Blob("application/vnd.oci.empty.v1+json", Sha256.of(new byte[0]), 0, Map.of());
    ImageManifest m = new ImageManifest(MediaTypes.OCI_MANIFEST, config, List.of(module));

    Plan plan = AppLayout.plan(Reference.parse("example.com/tools/hello:1.0"), m, new byte[0]);

    assertThat(plan.plainModule()).isTrue();
    assertThat(plan.files()).containsEntry("module.wasm", new Plan.Layer(module.digest()));
    assertThat(plan.files()).containsKey("wasmlet.toml");
  }

  /** Lays a plan out in a temp dir, every module a real one (hello-c) and other layers stubs. */
  private Path layOut(Plan plan) throws IOException {
    byte[] module = Files.readAllBytes(Tools.root().resolve("examples/hello-c/hello.wasm"));
    Path dir = tmp.resolve("app");
    for (Map.Entry<String, Plan.Content> e : plan.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      byte[] bytes =
          switch (e.getValue()) {
            case Plan.Written w -> w.bytes();
            case Plan.Layer l ->
                e.getKey().startsWith("modules/")
                    ? module
                    : l.digest().getBytes(StandardCharsets.UTF_8);
          };
      Files.write(file, bytes);
    }
    return dir;
  }

  private static byte[] written(Plan plan, String path) {
    return ((Plan.Written) plan.files().get(path)).bytes();
  }
}
