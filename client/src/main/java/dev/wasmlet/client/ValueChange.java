package dev.wasmlet.client;

import java.util.Optional;

/**
 * What setting a variable or secret did on the server.
 *
 * @param changed false when it already had that value: no version, no revision
 * @param rollout the rollout of the new revision; empty when nothing changed or the app is not
 *     deployed yet (or its manifest does not use the value)
 */
public record ValueChange(boolean changed, Optional<Rollout> rollout) {}
