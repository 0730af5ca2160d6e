package dev.wasmlet.app;

import java.util.Optional;

/**
 * One {@code [[trigger.http]]} entry as written.
 *
 * @param number its 1-based position among the manifest's HTTP triggers (as in {@code #2})
 * @param id as written, else the id Spin's normalisation gives it (see {@link Normalizer})
 * @param route the route as written, before the base is applied; empty for a private route
 * @param isPrivate written as {@code route = { private = true }}: not reachable from outside
 * @param component the id of the component it runs: a {@code [component.X]} table, or the id given
 *     to the table written inline in the trigger
 * @param executor absent when the manifest does not say
 */
public record TriggerSpec(
    int number,
    Optional<String> id,
    String route,
    boolean isPrivate,
    String component,
    Optional<ExecutorSpec> executor) {}
