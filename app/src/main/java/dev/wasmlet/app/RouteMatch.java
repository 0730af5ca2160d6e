package dev.wasmlet.app;

import java.util.Map;

/**
 * The route a request path selected.
 *
 * @param pathInfo the part of the path after a wildcard's prefix (WAGI's {@code PATH_INFO}); {@code
 *     ""} for an exact route
 * @param parameters the values of the route's {@code :name} segments, by name, in route order
 */
public record RouteMatch(LockedRoute route, String pathInfo, Map<String, String> parameters) {
  public RouteMatch {
    parameters = Map.copyOf(parameters);
  }

  /** A match of a route without parameters. */
  public RouteMatch(LockedRoute route, String pathInfo) {
    this(route, pathInfo, Map.of());
  }

  /** What matching a pattern alone gives: the path info and the parameters. */
  public record Captured(String pathInfo, Map<String, String> parameters) {}
}
