package dev.wasmlet.app;

/**
 * The route a request path selected.
 *
 * @param pathInfo the part of the path after a wildcard's prefix (WAGI's {@code PATH_INFO}); {@code
 *     ""} for an exact route
 */
public record RouteMatch(LockedRoute route, String pathInfo) {}
