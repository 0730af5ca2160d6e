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
      strings = {"", "hello", "/a//b", "/a/.../b", "/a...", "/a b", "/a\tb", "/a?x=1", "/a/../b"})
  void invalidRoutesAreRejectedWithTheirReason(String route) {
    assertThatThrownBy(() -> RoutePattern.parse(route))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("route \"" + route + "\" ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/hello", "/hello/", "/api/...", "/...", "/a-b_c.d/e~f", "/%20"})
  void validRoutesParse(String route) {
    assertThat(RoutePattern.parse(route).route()).isEqualTo(route);
  }

  @ParameterizedTest
  @CsvSource({"/x,/api/...", "/api/...,/...", "/a/b/...,/a/...", "/,/..."})
  void theFirstRouteIsMoreSpecificThanTheSecond(String more, String less) {
    assertThat(RoutePattern.parse(more).specificity())
        .isGreaterThan(RoutePattern.parse(less).specificity());
  }
}
