package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of a canary rollout.
 *
 * @param weight percent of requests (1 to 100) the new revision gets at this step
 * @param pause how long to hold the weight before the next step, e.g. {@code 5m}; null if not
 *     written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanaryStep(int weight, String pause) {}
