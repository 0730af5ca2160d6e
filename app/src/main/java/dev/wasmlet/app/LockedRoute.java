package dev.wasmlet.app;

/**
 * One routable trigger of a locked app.
 *
 * @param route the route as written with the app's base applied; {@code ""} for a private route
 * @param isPrivate not reachable from outside: {@link LockedApp#route} never selects it
 * @param wagi how the WAGI executor starts the component for this route
 */
public record LockedRoute(
    String route, RoutePattern pattern, String componentId, boolean isPrivate, WagiConfig wagi) {}
