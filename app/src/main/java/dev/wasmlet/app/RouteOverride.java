package dev.wasmlet.app;

import java.util.Optional;

/**
 * A route a deployment sets in place of the manifest's {@code [[trigger.http]]} routes.
 *
 * @param route a route as in a manifest, e.g. {@code /api/...} or {@code /users/:id}
 * @param component the component it runs; empty for an app with one component
 */
public record RouteOverride(String route, Optional<String> component) {}
