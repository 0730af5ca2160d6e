package dev.wasmlet.kube;

import java.util.List;

/**
 * A canary rollout.
 *
 * @param steps the new revision's weights, strictly increasing
 */
public record Canary(List<CanaryStep> steps) {}
