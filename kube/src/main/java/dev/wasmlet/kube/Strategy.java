package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a new revision replaces the serving one.
 *
 * @param type the kind of rollout (the API server defaults it to {@code AllAtOnce})
 * @param canary the steps of a {@code Canary} rollout; the CRD refuses it with any other type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Strategy(StrategyType type, Canary canary) {}
