package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config Wasmlet pushes is the locked app Spin's OCI loader reads. */
class SpinLockedAppTest {
  static final Path SPIN_WAGI = Tools.root().resolve("app/src/test/resources/valid/spin-wagi");

  @TempDir Path tmp;

  @Test
  void configHasTheShapeSpinsLoaderReads() throws IOException {
    AppArtifact artifact = AppArtifact.pack(SPIN_WAGI);

    JsonNode root = ImageManifest.JSON.readTree(artifact.config());

    assertThat(root.path("spin_lock_version").asInt(-1))
        .as("0: every Spin reads it, Spin before 2.4 refuses 1")
        .isZero();
    assertThat(root.path("metadata").toString())
        .isEqualTo(
            "{\"authors\":[\"Ada <ada@example.com>\"],"
                + "\"description\":\"A Spin app using the WAGI executor\",\"name\":\"shop\","
                + "\"trigger\":{\"type\":\"http\"},\"triggers\":{\"http\":{}},\"version\":\"1.2.0\"}");
    assertThat(root.path("variables").toString())
        .as("required is no Spin field: a variable without a default is required")
        .isEqualTo(
            "{\"api_token\":{\"secret\":true},\"api_url\":{\"default\":\"https://api.example.com\"}}");
    assertThat(root.path("triggers").toString())
        .isEqualTo(
            "[{\"id\":\"shop-front\",\"trigger_type\":\"http\",\"trigger_config\":{\"component\":"
                + "\"shop\",\"executor\":{\"argv\":\"${SCRIPT_NAME} ${ARGS}\",\"entrypoint\":"
                + "\"_start\",\"type\":\"wagi\"},\"route\":\"/shop/...\"}},"
                + "{\"id\":\"admin-http-trigger\",\"trigger_type\":\"http\",\"trigger_config\":"
                + "{\"component\":\"admin\",\"executor\":{\"argv\":\"${SCRIPT_NAME} --verbose"
                + " ${ARGS}\",\"entrypoint\":\"_start\",\"type\":\"wagi\"},\"route\":\"/shop/admin\"}},"
                + "{\"id\":\"http-trigger1\",\"trigger_type\":\"http\",\"trigger_config\":"
                + "{\"component\":\"admin\",\"executor\":{\"argv\":\"${SCRIPT_NAME} ${ARGS}\","
                + "\"entrypoint\":\"_start\",\"type\":\"wagi\"},\"route\":{\"private\":true}}}]");
    JsonNode shop = root.path("components").get(0);
    assertThat(shop.path("metadata").toString())
        .as("Spin reads outbound hosts from component metadata")
        .isEqualTo(
            "{\"allowed_outbound_hosts\":[\"https://api.example.com\","
                + "\"https://*.cdn.example.com:8443\"],\"description\":\"The storefront\"}");
    assertThat(shop.has("allowed_outbound_hosts")).isFalse();
    assertThat(shop.path("source").toString())
        .isEqualTo(
            "{\"content_type\":\"application/wasm\",\"digest\":\""
                + digestOf(artifact, "dist/shop.wasm")
                + "\"}");
    List<String> paths = new ArrayList<>();
    shop.path("files").forEach(f -> paths.add(f.path("path").asText()));
    assertThat(paths)
        .as("relative to the guest root: Spin's loader refuses absolute paths")
        .containsExactlyInAnyOrder("static/index.html", "static/css/site.css", "assets/logo.txt");
    shop.path("files")
        .forEach(
            f ->
                assertThat(artifact.files())
                    .extracting(a -> a.blob().digest())
                    .as("every file's digest is a layer")
                    .contains(f.path("digest").asText()));
    JsonNode admin = root.path("components").get(1);
    assertThat(admin.toString())
        .as("empty fields are left out, as Spin leaves them out")
        .isEqualTo(
            "{\"id\":\"admin\",\"source\":{\"content_type\":\"application/wasm\",\"digest\":\""
                + digestOf(artifact, "admin.wasm")
                + "\"}}");
  }

  @Test
  void packingTheSameAppTwiceGivesTheSameConfigAndDigest() {
    AppArtifact first = AppArtifact.pack(SPIN_WAGI);
    AppArtifact second = AppArtifact.pack(SPIN_WAGI);

    assertThat(second.config()).isEqualTo(first.config());
    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void whatWasmletPushesReadAsASpinAppLocksLikeTheOriginal() throws IOException {
    AppArtifact artifact = AppArtifact.pack(SPIN_WAGI);
    Path dir = relayAsSpin(artifact);

    LockedApp original = Manifests.lock(SPIN_WAGI, Map.of("api_token", "t"));
    LockedApp relaid = Manifests.lock(dir, Map.of("api_token", "t"));
    assertThat(relaid.name()).isEqualTo(original.name());
    assertThat(relaid.routes())
        .extracting(LockedRoute::route, LockedRoute::componentId, LockedRoute::wagi)
        .isEqualTo(
            original.routes().stream()
                .map(r -> org.assertj.core.groups.Tuple.tuple(r.route(), r.componentId(), r.wagi()))
                .toList());
    for (LockedComponent c : original.components().values()) {
      LockedComponent r = relaid.components().get(c.id());
      assertThat(r.sha256()).isEqualTo(c.sha256());
      assertThat(r.environment()).isEqualTo(c.environment());
      assertThat(r.variables()).isEqualTo(c.variables());
      assertThat(r.allowedOutboundHosts()).isEqualTo(c.allowedOutboundHosts());
    }
    Path shopFiles = relaid.components().get("shop").files().get(0).hostPath();
    assertThat(shopFiles.resolve("static/index.html"))
        .hasSameBinaryContentAs(SPIN_WAGI.resolve("static/index.html"));
    assertThat(shopFiles.resolve("assets/logo.txt"))
        .hasSameBinaryContentAs(SPIN_WAGI.resolve("assets/logo.txt"));
    assertThat(shopFiles.resolve("static/index.html.bak")).doesNotExist();
  }

  @Test
  void inlineComponentsArePushedUnderSpinsIdsAndPullBackAsThey() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.copy(Tools.root().resolve("examples/hello-c/hello.wasm"), src.resolve("hello.wasm"));
    Files.writeString(
        src.resolve("spin.toml"),
        """
        spin_manifest_version = 2
        [application]
        name = "wagi-http"
        version = "1.0.0"

        [[trigger.http]]
        route = "/..."
        executor = { type = "wagi" }
        [trigger.http.component]
        source = "hello.wasm"

        [[trigger.http]]
        id = "named"
        route = "/x"
        executor = { type = "wagi" }
        component = { source = "hello.wasm", environment = { A = "1" } }
        """);
    AppArtifact artifact = AppArtifact.pack(src);

    JsonNode root = ImageManifest.JSON.readTree(artifact.config());
    assertThat(root.path("triggers"))
        .extracting(
            t -> t.path("id").asText(), t -> t.path("trigger_config").path("component").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http-trigger1", "http-trigger1-component"),
            org.assertj.core.groups.Tuple.tuple("named", "named-component"));
    assertThat(root.path("components"))
        .extracting(c -> c.path("id").asText())
        .containsExactly("http-trigger1-component", "named-component");

    LockedApp original = Manifests.lock(src);
    LockedApp relaid = Manifests.lock(relayAsSpin(artifact));
    assertThat(relaid.routes())
        .extracting(LockedRoute::route, LockedRoute::componentId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/...", "http-trigger1-component"),
            org.assertj.core.groups.Tuple.tuple("/x", "named-component"));
    assertThat(relaid.components().get("named-component").environment())
        .isEqualTo(original.components().get("named-component").environment());
  }

  @Test
  void keyValueStoresAndDatabasesRoundTripThroughSpinsLayout() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("kv"));
    Files.copy(
        Tools.root().resolve("examples/hello-component/hello.wasm"), src.resolve("hello.wasm"));
    Files.writeString(
        src.resolve("spin.toml"),
        """
        spin_manifest_version = 2
        [application]
        name = "kv"
        version = "1.0.0"

        [[trigger.http]]
        route = "/..."
        component = "web"

        [component.web]
        source = "hello.wasm"
        key_value_stores = ["default", "cache"]
        sqlite_databases = ["default"]
        """);
    AppArtifact artifact = AppArtifact.pack(src);

    JsonNode meta = ImageManifest.JSON.readTree(artifact.config()).at("/components/0/metadata");
    assertThat(meta.path("key_value_stores").toString()).isEqualTo("[\"default\",\"cache\"]");
    assertThat(meta.path("databases").toString()).isEqualTo("[\"default\"]");
    LockedApp relaid = Manifests.lock(relayAsSpin(artifact));
    assertThat(relaid.components().get("web").keyValueStores()).containsExactly("default", "cache");
    assertThat(relaid.components().get("web").sqliteDatabases()).containsExactly("default");
  }

  /**
   * Lays out what Wasmlet pushed as if Spin had pushed it: no manifest file, the locked app only.
   */
  private Path relayAsSpin(AppArtifact artifact) throws IOException {
    List<Blob> spinLayers =
        artifact.manifest().layers().stream()
            .filter(l -> !l.annotations().containsKey(MediaTypes.MANIFEST_FILE))
            .map(l -> new Blob(l.mediaType(), l.digest(), l.size(), Map.of()))
            .toList();
    ImageManifest asSpin =
        new ImageManifest(MediaTypes.OCI_MANIFEST, artifact.manifest().config(), spinLayers);
    Plan plan =
        AppLayout.plan(Reference.parse("example.com/shop:1.2.0"), asSpin, artifact.config());
    Path dir = Files.createTempDirectory(tmp, "app");
    for (Map.Entry<String, Plan.Content> e : plan.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      switch (e.getValue()) {
        case Plan.Written w -> Files.write(file, w.bytes());
        case Plan.Layer l -> Files.copy(sourceOf(artifact, l.digest()), file);
      }
    }
    return dir;
  }

  private static String digestOf(AppArtifact artifact, String path) {
    return artifact.files().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow()
        .blob()
        .digest();
  }

  private static Path sourceOf(AppArtifact artifact, String digest) {
    return artifact.files().stream()
        .filter(f -> f.blob().digest().equals(digest))
        .findFirst()
        .orElseThrow()
        .source();
  }
}
