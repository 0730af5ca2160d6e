package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockedAppRoutingTest {
  private static final LockedApp APP =
      new LockedApp(
          "routing",
          "",
          Path.of("/app"),
          List.of(
              route("/...", "catch-all"),
              route("/api/...", "api"),
              route("/api/v2/...", "api-v2"),
              route("/api/status", "status"),
              route("/", "home"),
              new LockedRoute(
                  "", new RoutePattern("", "", false), "internal", true, WagiConfig.defaults())),
          Map.of(),
          Map.of());

  private static LockedRoute route(String route, String component) {
    return new LockedRoute(
        route, RoutePattern.parse(route), component, false, WagiConfig.defaults());
  }

  @ParameterizedTest(name = "{0} -> {1} [{2}]")
  @CsvSource({
    "/api/status, status, ''",
    "/api/status/x, api, /status/x",
    "/api/v2/users, api-v2, /users",
    "/api/v2, api-v2, ''",
    "/api/v1/users, api, /v1/users",
    "/api, api, ''",
    "/, home, ''",
    "/other, catch-all, /other",
    "/apiary, catch-all, /apiary",
  })
  void exactRoutesBeatWildcardsAndTheLongestPrefixWins(String path, String component, String info) {
    assertThat(APP.route(path))
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().componentId()).isEqualTo(component);
              assertThat(m.pathInfo()).isEqualTo(info);
            });
  }

  @ParameterizedTest
  @CsvSource({"''", "x"})
  void privateRoutesAndNonPathsNeverMatchWithoutACatchAll(String path) {
    LockedApp onlyPrivate =
        new LockedApp(
            "private",
            "",
            Path.of("/app"),
            List.of(
                new LockedRoute(
                    "", new RoutePattern("", "", false), "internal", true, WagiConfig.defaults())),
            Map.of(),
            Map.of());

    assertThat(onlyPrivate.route(path)).isEmpty();
    assertThat(onlyPrivate.route("/")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"/nothing", "/api/statu"})
  void aPathNoRouteMatchesFindsNothing(String path) {
    LockedApp exactOnly =
        new LockedApp(
            "exact",
            "",
            Path.of("/app"),
            List.of(route("/api/status", "status"), route("/", "home")),
            Map.of(),
            Map.of());

    assertThat(exactOnly.route(path)).isEmpty();
  }
}
