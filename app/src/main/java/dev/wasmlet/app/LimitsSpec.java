package dev.wasmlet.app;

import java.util.Optional;

/**
 * A component's {@code [component.X.limits]} table as written (a Wasmlet extension), each value
 * kept as its text, e.g. {@code "128MiB"} or {@code "30s"}; absent values take {@link
 * Limits#defaults()}.
 */
public record LimitsSpec(
    Optional<String> maxMemory,
    Optional<String> timeout,
    Optional<String> maxRequestBody,
    Optional<String> maxResponse) {

  /** No limits written: every limit takes its default. */
  public static LimitsSpec none() {
    return new LimitsSpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
