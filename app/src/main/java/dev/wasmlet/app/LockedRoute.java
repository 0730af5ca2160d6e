package dev.wasmlet.app;

/**
 * One routable trigger of a locked app.
 *
 * @param route the route as written with the app's base applied; {@code ""} for a private route
 * @param isPrivate not reachable from outside: {@link LockedApp#route} never selects it
 * @param wagi how the WAGI executor starts the component for this route (unused by {@code
 *     WASI_HTTP})
 * @param executor which executor runs the route's component
 */
public record LockedRoute(
    String route,
    RoutePattern pattern,
    String componentId,
    boolean isPrivate,
    WagiConfig wagi,
    Executor executor) {
  /** A WAGI route, as every route was before components ran. */
  public LockedRoute(
      String route, RoutePattern pattern, String componentId, boolean isPrivate, WagiConfig wagi) {
    this(route, pattern, componentId, isPrivate, wagi, Executor.WAGI);
  }
}
