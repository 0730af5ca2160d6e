package dev.wasmlet.app;

import java.util.Optional;

/**
 * One {@code [[trigger.http]]} entry as written.
 *
 * @param number its 1-based position among the manifest's HTTP triggers (as in {@code #2})
 * @param route the route as written, before the base is applied; empty for a private route
 * @param isPrivate written as {@code route = { private = true }}: not reachable from outside
 * @param component the id of the {@code [component.X]} table it runs
 * @param executor absent when the manifest does not say
 */
public record TriggerSpec(
    int number,
    Optional<String> id,
    String route,
    boolean isPrivate,
    String component,
    Optional<ExecutorSpec> executor) {}
