package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Push and pull against a real docker-registry on loopback, cross-checked with skopeo. */
class RegistryRoundTripIT {
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

  private static Registry client(Reference ref) {
    return Registry.builder(ref).withInsecure(true).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello-c", "static-c"})
  void pushedExampleIsPulledByteIdenticalAndLocks(String example) throws Exception {
    Path dir = Tools.root().resolve("examples").resolve(example);
    Reference ref = Reference.parse(registry.address() + "/examples/" + example + ":1.0");
    AppArtifact artifact = AppArtifact.pack(dir);

    PushReport pushed = ArtifactPush.push(client(ref), ref, artifact);
    PulledApp pulled = ArtifactPull.pull(client(ref), ref, ContentStore.at(tmp.resolve("store")));

    assertThat(pulled.digest()).isEqualTo(pushed.digest()).isEqualTo(artifact.digest());
    for (ArtifactFile f : artifact.files()) {
      assertThat(Files.readAllBytes(pulled.directory().resolve(f.path())))
          .as("pulled %s is byte-identical", f.path())
          .isEqualTo(Files.readAllBytes(f.source()));
    }
    LockedApp original = Manifests.lock(dir);
    LockedApp relocked = Manifests.lock(pulled.directory());
    assertThat(relocked.name()).isEqualTo(original.name());
    assertThat(relocked.routes())
        .extracting("route")
        .isEqualTo(original.routes().stream().map(r -> r.route()).toList());
    for (LockedComponent c : original.components().values()) {
      assertThat(relocked.components().get(c.id()).sha256()).isEqualTo(c.sha256());
      assertThat(relocked.components().get(c.id()).files())
          .extracting("guestPath")
          .isEqualTo(c.files().stream().map(m -> m.guestPath()).toList());
    }
    assertThat(pulled.plainModule()).isFalse();
  }

  @Test
  void pushingTheSameAppAgainSendsNoBlobAndKeepsTheDigest() throws Exception {
    Path dir = Tools.root().resolve("examples/static-c");
    Reference ref = Reference.parse(registry.address() + "/again/static:1");
    PushReport first = ArtifactPush.push(client(ref), ref, AppArtifact.pack(dir));
    long uploadsAfterFirst = registry.uploadsStarted();

    PushReport second = ArtifactPush.push(client(ref), ref, AppArtifact.pack(dir));

    assertThat(first.sent()).contains("config", "static.wasm", "wasmlet.toml");
    assertThat(second.sent()).as("blobs sent by the second push").isEmpty();
    assertThat(second.bytesSent()).isZero();
    assertThat(registry.uploadsStarted())
        .as("uploads the registry logged (%s)", registry.log())
        .isEqualTo(uploadsAfterFirst);
    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void skopeoCopiesWhatWePushByteIdentically() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/ours/static:1");
    PushReport pushed =
        ArtifactPush.push(
            client(ref), ref, AppArtifact.pack(Tools.root().resolve("examples/static-c")));
    Reference copy = Reference.parse(registry.address() + "/skopeo-copied/static:1");

    Tools.run(
        tmp,
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "docker://" + ref,
        "docker://" + copy);

    FetchedManifest copied = client(copy).fetchManifest(copy);
    assertThat(copied.digest()).isEqualTo(pushed.digest());
    PulledApp pulled = ArtifactPull.pull(client(copy), copy, ContentStore.at(tmp.resolve("store")));
    assertThat(Manifests.lock(pulled.directory()).name()).isEqualTo("static-c");
  }

  @Test
  void plainWasmArtifactPushedBySkopeoIsPulledAsAOneComponentApp() throws Exception {
    byte[] module = Files.readAllBytes(Tools.root().resolve("examples/hello-c/hello.wasm"));
    Path layout = OciLayouts.plainWasm(tmp.resolve("layout"), module, "1.0");
    Reference ref = Reference.parse(registry.address() + "/plain/hello-module:1.0");
    Tools.run(
        tmp,
        "skopeo",
        "copy",
        "--dest-tls-verify=false",
        "oci:" + layout + ":1.0",
        "docker://" + ref);

    PulledApp pulled = ArtifactPull.pull(client(ref), ref, ContentStore.at(tmp.resolve("store")));

    assertThat(pulled.plainModule()).isTrue();
    LockedApp app = Manifests.lock(pulled.directory());
    assertThat(app.name()).isEqualTo("hello-module");
    assertThat(app.components()).containsOnlyKeys("main");
    assertThat("sha256:" + app.components().get("main").sha256()).isEqualTo(Sha256.of(module));
    assertThat(app.route("/any/path")).isPresent();
  }

  @Test
  void aBlobChangedInTheStoreIsADigestMismatchAndIsNotFetchedAgain() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/tamper/hello:1");
    AppArtifact artifact = AppArtifact.pack(Tools.root().resolve("examples/hello-c"));
    ArtifactPush.push(client(ref), ref, artifact);
    ContentStore store = ContentStore.at(tmp.resolve("store"));
    ArtifactPull.pull(client(ref), ref, store);
    String moduleDigest =
        artifact.files().stream()
            .filter(f -> f.path().equals("hello.wasm"))
            .findFirst()
            .orElseThrow()
            .blob()
            .digest();
    Path blob = store.blobPath(moduleDigest);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 1] ^= 1;
    Files.write(blob, bytes);

    assertThatThrownBy(() -> ArtifactPull.pull(client(ref), ref, store))
        .isInstanceOf(DigestMismatch.class)
        .hasMessageContaining(blob.toString())
        .hasMessageContaining(moduleDigest)
        .hasMessageContaining(Sha256.of(bytes))
        .hasMessageContaining("delete " + blob + " and pull again");
    assertThat(Files.readAllBytes(blob))
        .as("the store still holds the changed bytes")
        .isEqualTo(bytes);
  }

  @Test
  void aMissingTagIsARegistryFailureNamingTheReference() {
    Reference ref = Reference.parse(registry.address() + "/nothing/here:1");
    assertThatThrownBy(() -> ArtifactPull.pull(client(ref), ref, ContentStore.at(tmp)))
        .isInstanceOf(RegistryFailed.class)
        .hasMessageContaining(registry.address())
        .hasMessageContaining("nothing/here:1");
  }

  @Test
  void aRegistryThatIsNotRunningIsUnreachable() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Reference ref = Reference.parse("127.0.0.1:" + port + "/x/y:1");
    assertThatThrownBy(() -> ArtifactPull.pull(client(ref), ref, ContentStore.at(tmp)))
        .isInstanceOf(RegistryUnreachable.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }
}
