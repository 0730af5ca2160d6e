package dev.wasmlet.app;

import java.util.Optional;

/**
 * A parsed route: exact ({@code "/hello"}) or a wildcard prefix ({@code "/api/..."} matches {@code
 * /api} and everything under it; {@code "/..."} matches every path).
 *
 * @param route the route text
 * @param prefix for a wildcard, the route without {@code "/..."} ({@code "/api"}, or {@code ""} for
 *     {@code "/..."}); for an exact route, the route itself
 */
public record RoutePattern(String route, String prefix, boolean isWildcard) {
  private static final String WILDCARD = "/...";

  /**
   * Parses a route.
   *
   * @throws IllegalArgumentException saying what is wrong when the route is not valid
   */
  public static RoutePattern parse(String route) {
    Optional<String> problem = syntaxProblem(route);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("route \"" + route + "\" " + problem.get());
    }
    if (route.endsWith(WILDCARD)) {
      return new RoutePattern(route, route.substring(0, route.length() - WILDCARD.length()), true);
    }
    return new RoutePattern(route, route, false);
  }

  /** What is wrong with a route, phrased to follow {@code route "x" }, or nothing if valid. */
  static Optional<String> syntaxProblem(String route) {
    if (!route.startsWith("/")) {
      return Optional.of("must start with \"/\"");
    }
    for (int i = 0; i < route.length(); i++) {
      char c = route.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("must not contain whitespace or control characters");
      }
      if (c == '?' || c == '#') {
        return Optional.of("must not contain '" + c + "' (a route is a path only)");
      }
    }
    if (route.contains("//")) {
      return Optional.of("must not contain \"//\"");
    }
    int dots = route.indexOf("...");
    if (dots >= 0 && (!route.endsWith(WILDCARD) || dots != route.length() - 3)) {
      return Optional.of("may use \"...\" only as its last segment, as in \"/api/...\"");
    }
    for (String segment : route.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("must not contain \".\" or \"..\" segments");
      }
      if (segment.startsWith(":")) {
        return Optional.of(
            "uses a parameter segment (\""
                + segment
                + "\"), not supported yet; use a wildcard"
                + " such as \"/users/...\" and read PATH_INFO");
      }
    }
    return Optional.empty();
  }

  /**
   * Matches a request path.
   *
   * @return the path info (the part after the prefix, e.g. {@code "/x/y"} for {@code "/api/..."}
   *     and {@code /api/x/y}; {@code ""} for an exact match), or empty when the path does not match
   */
  public Optional<String> match(String path) {
    if (!isWildcard) {
      return path.equals(route) ? Optional.of("") : Optional.empty();
    }
    if (prefix.isEmpty()) {
      return path.startsWith("/") ? Optional.of(path) : Optional.empty();
    }
    if (path.equals(prefix)) {
      return Optional.of("");
    }
    if (path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
      return Optional.of(path.substring(prefix.length()));
    }
    return Optional.empty();
  }

  /**
   * Ranks patterns that match the same path: an exact route ranks above every wildcard, and a
   * longer wildcard prefix above a shorter one.
   */
  public int specificity() {
    return isWildcard ? prefix.length() : Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return route;
  }
}
