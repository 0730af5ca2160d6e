package dev.wasmlet.component;

/** A {@code wasi:io/error} resource: what went wrong, for the guest's debug output only. */
public record WasiError(String message) {}
