package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePatternTest {

  @ParameterizedTest(name = "{0} on {1} -> [{2}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "/hello      | /hello        | ''",
        "/hello      | /hello/       | NONE",
        "/hello      | /hello/x      | NONE",
        "/hello      | /hellox       | NONE",
        "/           | /             | ''",
        "/           | /x            | NONE",
        "/api/...    | /api          | ''",
        "/api/...    | /api/         | /",
        "/api/...    | /api/x/y      | /x/y",
        "/api/...    | /apix         | NONE",
        "/api/...    | /ap           | NONE",
        "/...        | /             | /",
        "/...        | /anything/at  | /anything/at",
        "/a/b/...    | /a/b/c        | /c",
        "/a/b/...    | /a/bc         | NONE",
      })
  void matchReturnsThePathInfoOfAMatchingPath(String route, String path, String pathInfo) {
    RoutePattern pattern = RoutePattern.parse(route);

    if (pathInfo == null) {
      assertThat(pattern.match(path)).isEmpty();
    } else {
      assertThat(pattern.match(path)).contains(pathInfo);
    }
  }

  @ParameterizedTest
  @CsvSource({"/api/...,/api,true", "/...,'',true", "/hello,/hello,false", "/,/,false"})
  void aWildcardRoutesPrefixIsTheRouteWithoutItsDots(String route, String prefix, boolean wild) {
    RoutePattern pattern = RoutePattern.parse(route);

    assertThat(pattern.prefix()).isEqualTo(prefix);
    assertThat(pattern.isWildcard()).isEqualTo(wild);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "hello",
        "/a//b",
        "/a/.../b",
        "/a...",
        "/a b",
        "/a\tb",
        "/a?x=1",
        "/a/../b",
        "/u/:",
        "/u/:a.b",
        "/u/:id/:id"
      })
  void invalidRoutesAreRejectedWithTheirReason(String route) {
    assertThatThrownBy(() -> RoutePattern.parse(route))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("route \"" + route + "\" ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/hello",
        "/hello/",
        "/api/...",
        "/...",
        "/a-b_c.d/e~f",
        "/%20",
        "/users/:id",
        "/users/:user_id/posts/:post-id/..."
      })
  void validRoutesParse(String route) {
    assertThat(RoutePattern.parse(route).route()).isEqualTo(route);
  }

  /** Pairs of routes that both match some path; the first wins there, as in Spin's router. */
  @ParameterizedTest
  @CsvSource({
    "/api/x,/api/...",
    "/api,/api/...",
    "/api/...,/...",
    "/a/b/...,/a/...",
    "/,/...",
    "/users/admin,/users/:id",
    "/users/:id,/users/...",
    "/users/:id/...,/users/...",
    "/users/admin/...,/users/:id",
    "/a/:x/c,/a/:x/...",
    "/a/b/...,/a/:x/c"
  })
  void theFirstRouteIsMoreSpecificThanTheSecond(String more, String less) {
    RoutePattern a = RoutePattern.parse(more);
    RoutePattern b = RoutePattern.parse(less);
    assertThat(a.compareSpecificity(b)).isPositive();
    assertThat(b.compareSpecificity(a)).isNegative();
  }

  @ParameterizedTest(name = "{0} on {1} -> [{2}] {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "/users/:id          | /users/42          | ''     | id=42",
        "/users/:id          | /users/42/x        | NONE   | ''",
        "/users/:id          | /users/            | NONE   | ''",
        "/users/:id          | /users             | NONE   | ''",
        "/users/:id/...      | /users/42          | ''     | id=42",
        "/users/:id/...      | /users/42/a/b      | /a/b   | id=42",
        "/:a/x/:b            | /one/x/two         | ''     | a=one;b=two",
        "/:a/x/:b            | /one/y/two         | NONE   | ''",
        "/u/:name/args       | /u/%41b/args       | ''     | name=%41b",
      })
  void parameterSegmentsMatchOneSegmentEachAndAreCaptured(
      String route, String path, String pathInfo, String params) {
    var captured = RoutePattern.parse(route).capture(path);
    if (pathInfo == null) {
      assertThat(captured).isEmpty();
      assertThat(RoutePattern.parse(route).match(path)).isEmpty();
      return;
    }
    assertThat(captured).isPresent();
    assertThat(captured.get().pathInfo()).isEqualTo(pathInfo);
    assertThat(RoutePattern.parse(route).match(path)).contains(pathInfo);
    java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
    for (String kv : params.split(";")) {
      expected.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    assertThat(captured.get().parameters()).containsExactlyInAnyOrderEntriesOf(expected);
  }
}
