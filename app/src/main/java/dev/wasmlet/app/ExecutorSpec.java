package dev.wasmlet.app;

import java.util.Optional;

/**
 * A trigger's {@code executor} table as written, e.g. {@code { type = "wagi", argv =
 * "${SCRIPT_NAME} ${ARGS}", entrypoint = "_start" }}.
 */
public record ExecutorSpec(String type, Optional<String> argv, Optional<String> entrypoint) {}
