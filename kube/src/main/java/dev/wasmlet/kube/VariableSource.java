package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a variable's value lives; the CRD admits exactly one of the two. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariableSource(KeyRef configMapKeyRef, KeyRef secretKeyRef) {}
