package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One app variable; the CRD admits exactly one of {@code value} and {@code valueFrom}.
 *
 * @param name a variable name as in wasmlet.toml's {@code [variables]}
 * @param value a literal value
 * @param valueFrom a key of a ConfigMap or Secret in the WasmApp's namespace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variable(String name, String value, VariableSource valueFrom) {}
