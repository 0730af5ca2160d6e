package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A path and the component that serves it.
 *
 * @param path a route as in wasmlet.toml, e.g. {@code /api/...}
 * @param component the component's id; null for a one-component app
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(String path, String component) {}
