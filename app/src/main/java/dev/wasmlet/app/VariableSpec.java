package dev.wasmlet.app;

import java.util.Optional;

/**
 * One app variable of the {@code [variables]} table as written: {@code { default = "x" }}, {@code {
 * required = true }} or {@code { secret = true, required = true }}.
 */
public record VariableSpec(
    String name, Optional<String> defaultValue, boolean required, boolean secret) {}
