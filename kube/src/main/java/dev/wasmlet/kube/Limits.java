package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-request limits, written as in wasmlet.toml's {@code [component.limits]}; a null one takes
 * Wasmlet's default.
 *
 * @param maxMemory guest memory cap, e.g. {@code 128MiB}
 * @param timeout wall-clock time per request, e.g. {@code 30s}
 * @param maxRequestBody largest request body, e.g. {@code 1MiB}
 * @param maxResponse largest response, e.g. {@code 10MiB}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(String maxMemory, String timeout, String maxRequestBody, String maxResponse) {}
