package dev.wasmlet.kube;

/**
 * A key of a ConfigMap or Secret in the WasmApp's namespace.
 *
 * @param name the ConfigMap's or Secret's name
 * @param key the key within it
 */
public record KeyRef(String name, String key) {}
