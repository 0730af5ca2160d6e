package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment's routes and limits over the manifest's (a WasmApp's spec.routes and limits). */
class ManifestOverridesTest {
  private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

  @TempDir Path app;

  @BeforeEach
  void layout() throws IOException {
    Files.write(app.resolve("api.wasm"), MODULE);
    Files.write(app.resolve("web.wasm"), MODULE);
  }

  private void manifest(String body) throws IOException {
    Files.writeString(
        app.resolve("wasmlet.toml"),
        "wasmlet_manifest_version = 1\n[application]\nname = \"x\"\n\n" + body);
  }

  private void twoComponents() throws IOException {
    manifest(
        "[[trigger.http]]\nroute = \"/api/...\"\ncomponent = \"api\"\n\n"
            + "[[trigger.http]]\nroute = \"/...\"\ncomponent = \"web\"\n\n"
            + "[[trigger.http]]\nroute = { private = true }\ncomponent = \"api\"\n\n"
            + "[component.api]\nsource = \"api.wasm\"\n[component.api.limits]\n"
            + "max_memory = \"64MiB\"\ntimeout = \"5s\"\n\n"
            + "[component.web]\nsource = \"web.wasm\"\n");
  }

  private static ManifestOverrides routes(RouteOverride... routes) {
    return new ManifestOverrides(List.of(routes), LimitsSpec.none());
  }

  private LockedApp lock(ManifestOverrides o) {
    return Manifests.lockConfined(app, Map.of(), o);
  }

  @Test
  void noOverridesLockTheManifestAsWritten() throws IOException {
    twoComponents();
    assertThat(lock(ManifestOverrides.none())).isEqualTo(Manifests.lockConfined(app, Map.of()));
  }

  @Test
  void routesReplaceThePublicTriggersAndKeepThePrivateOnes() throws IOException {
    twoComponents();
    LockedApp locked =
        lock(
            routes(
                new RouteOverride("/v2/...", Optional.of("api")),
                new RouteOverride("/status", Optional.of("web"))));

    assertThat(locked.routes())
        .extracting(LockedRoute::route, LockedRoute::componentId, LockedRoute::isPrivate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/v2/...", "api", false),
            org.assertj.core.groups.Tuple.tuple("/status", "web", false),
            org.assertj.core.groups.Tuple.tuple("", "api", true));
    assertThat(locked.route("/v2/items").orElseThrow().route().componentId()).isEqualTo("api");
    assertThat(locked.route("/api/items")).as("the manifest's own route is gone").isEmpty();
    assertThat(locked.route("/status").orElseThrow().route().componentId()).isEqualTo("web");
  }

  @Test
  void aRouteWithoutAComponentRunsTheOnlyOne() throws IOException {
    manifest(
        "[[trigger.http]]\nroute = \"/...\"\ncomponent = \"api\"\n\n"
            + "[component.api]\nsource = \"api.wasm\"\n");
    LockedApp locked = lock(routes(new RouteOverride("/only/...", Optional.empty())));
    assertThat(locked.route("/only/x").orElseThrow().route().componentId()).isEqualTo("api");
    assertThat(locked.route("/x")).isEmpty();
  }

  @Test
  void limitsReplaceEachWrittenLimitInEveryComponentAndKeepTheRest() throws IOException {
    twoComponents();
    LockedApp locked =
        lock(
            new ManifestOverrides(
                List.of(),
                new LimitsSpec(
                    Optional.empty(),
                    Optional.of("250ms"),
                    Optional.of("1KiB"),
                    Optional.empty())));

    Limits api = locked.components().get("api").limits();
    Limits web = locked.components().get("web").limits();
    assertThat(api.maxMemoryBytes()).as("the manifest's own").isEqualTo(64L << 20);
    assertThat(api.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(api.maxRequestBodyBytes()).isEqualTo(1024);
    assertThat(web.timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(web.maxRequestBodyBytes()).isEqualTo(1024);
    assertThat(web.maxMemoryBytes()).isEqualTo(Limits.defaults().maxMemoryBytes());
    assertThat(locked.routes()).hasSize(3);
  }

  @Test
  void aRouteNamingAnUnknownComponentIsRefusedWithTheComponentsThereAre() throws IOException {
    twoComponents();
    Throwable t = catchThrowable(() -> lock(routes(new RouteOverride("/x", Optional.of("db")))));
    assertThat(t)
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining(
            "override routes[0] (/x): the app has no component \"db\"; its components are [api,"
                + " web]");
  }

  @Test
  void aRouteWithoutAComponentInAnAppOfSeveralIsRefused() throws IOException {
    twoComponents();
    Throwable t = catchThrowable(() -> lock(routes(new RouteOverride("/x", Optional.empty()))));
    assertThat(t)
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("override routes[0] (/x): name the component it runs; the app has 2");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"/a/../b", "/..", "/./x", "//etc/passwd", "/x?y=1", "/a/.../b", "relative/x"})
  void hostileRoutesAreRefusedAsInAManifest(String route) throws IOException {
    twoComponents();
    Throwable t = catchThrowable(() -> lock(routes(new RouteOverride(route, Optional.of("api")))));
    assertThat(t).as(route).isInstanceOf(ManifestInvalid.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"../api", "/api", "api/..", "%61pi"})
  void aComponentIsNamedByIdNeverByPath(String component) throws IOException {
    twoComponents();
    Throwable t =
        catchThrowable(() -> lock(routes(new RouteOverride("/x", Optional.of(component)))));
    assertThat(t)
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("the app has no component \"" + component + "\"");
  }

  @Test
  void badRoutesAndLimitsGetTheManifestsOwnChecks() throws IOException {
    twoComponents();
    Throwable route =
        catchThrowable(() -> lock(routes(new RouteOverride("no-slash", Optional.of("api")))));
    assertThat(route).isInstanceOf(ManifestInvalid.class).hasMessageContaining("no-slash");

    Throwable limit =
        catchThrowable(
            () ->
                lock(
                    new ManifestOverrides(
                        List.of(),
                        new LimitsSpec(
                            Optional.of("100KiB"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()))));
    assertThat(limit)
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("the deployment's overrides: limits.max_memory \"100KiB\"")
        .hasMessageContaining("multiple of 64KiB");
  }
}
