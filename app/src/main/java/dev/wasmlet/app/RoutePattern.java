package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route: exact ({@code "/hello"}) or a wildcard prefix ({@code "/api/..."} matches {@code
 * /api} and everything under it; {@code "/..."} matches every path). As in Spin, a segment written
 * {@code :name} matches any one non-empty path segment ({@code "/users/:id"}, {@code
 * "/users/:id/..."}); its value reaches the guest as {@code X_PATH_MATCH_<NAME>}.
 *
 * @param route the route text
 * @param prefix for a wildcard, the route without {@code "/..."} ({@code "/api"}, or {@code ""} for
 *     {@code "/..."}); for an exact route, the route itself
 */
public record RoutePattern(String route, String prefix, boolean isWildcard) {
  private static final String WILDCARD = "/...";
  private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z0-9_-]+");

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
      if (segment.startsWith(":") && !PARAMETER.matcher(segment).matches()) {
        return Optional.of(
            "has a parameter segment \""
                + segment
                + "\" without a valid name; write \":name\" (letters, digits, '_' and '-')");
      }
    }
    List<String> names = parameters(route);
    if (names.size() != Set.copyOf(names).size()) {
      return Optional.of("names a parameter twice; give each \":name\" segment its own name");
    }
    return Optional.empty();
  }

  /** The names of the route's {@code :name} segments, in order. */
  public static List<String> parameters(String route) {
    List<String> names = new ArrayList<>();
    for (String segment : route.split("/")) {
      if (segment.startsWith(":")) {
        names.add(segment.substring(1));
      }
    }
    return names;
  }

  /** Whether the route has {@code :name} segments, each matching one path segment. */
  public boolean hasParameters() {
    return prefix.contains("/:");
  }

  /**
   * Matches a request path.
   *
   * @return the path info (the part after the prefix, e.g. {@code "/x/y"} for {@code "/api/..."}
   *     and {@code /api/x/y}; {@code ""} for an exact match), or empty when the path does not match
   */
  public Optional<String> match(String path) {
    return hasParameters() ? matchSegments(path, null) : matchLiteral(path);
  }

  /**
   * Matches a request path and captures its parameters: {@code /users/:id/...} on {@code
   * /users/42/x} gives {@code id=42}, path info {@code /x}.
   */
  public Optional<RouteMatch.Captured> capture(String path) {
    if (!hasParameters()) {
      return matchLiteral(path).map(info -> new RouteMatch.Captured(info, Map.of()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    return matchSegments(path, params).map(info -> new RouteMatch.Captured(info, params));
  }

  /** Segment by segment: a literal equals its segment, a parameter takes any non-empty one. */
  private Optional<String> matchSegments(String path, Map<String, String> params) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String[] want = prefix.substring(1).split("/", -1);
    String[] have = path.substring(1).split("/", -1);
    if (have.length < want.length || (!isWildcard && have.length != want.length)) {
      return Optional.empty();
    }
    for (int i = 0; i < want.length; i++) {
      if (want[i].startsWith(":")) {
        if (have[i].isEmpty()) {
          return Optional.empty();
        }
        if (params != null) {
          params.put(want[i].substring(1), have[i]);
        }
      } else if (!want[i].equals(have[i])) {
        return Optional.empty();
      }
    }
    if (have.length == want.length) {
      return Optional.of("");
    }
    return Optional.of("/" + String.join("/", Arrays.copyOfRange(have, want.length, have.length)));
  }

  private Optional<String> matchLiteral(String path) {
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
   * Ranks two patterns that match the same path, as Spin's router does: segment by segment from the
   * left, a literal beats a parameter, which beats the wildcard's rest; a route that ends where the
   * path ends beats a wildcard there. So an exact route beats every wildcard, and a longer wildcard
   * prefix a shorter one.
   *
   * @return positive when this pattern is the more specific, negative when {@code other} is, 0 when
   *     they rank alike
   */
  public int compareSpecificity(RoutePattern other) {
    int[] mine = ranks();
    int[] theirs = other.ranks();
    for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
      if (mine[i] != theirs[i]) {
        return Integer.compare(mine[i], theirs[i]);
      }
    }
    return Integer.compare(mine.length, theirs.length);
  }

  private static final int LITERAL = 3;
  private static final int PARAMETER_RANK = 2;
  private static final int END = 1;
  private static final int REST = 0;

  private int[] ranks() {
    String[] segments = prefix.isEmpty() ? new String[0] : prefix.substring(1).split("/", -1);
    int[] ranks = new int[segments.length + 1];
    for (int i = 0; i < segments.length; i++) {
      ranks[i] = segments[i].startsWith(":") ? PARAMETER_RANK : LITERAL;
    }
    ranks[segments.length] = isWildcard ? REST : END;
    return ranks;
  }

  @Override
  public String toString() {
    return route;
  }
}
