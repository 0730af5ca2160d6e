package dev.wasmlet.app;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Turns a {@link LimitsSpec} into {@link Limits}: parses each value, checks its range, and takes
 * the default for each one not written.
 */
final class LimitsParser {
  static final long WASM_PAGE = 64 * Limits.KIB;
  static final long MAX_MEMORY = 4 * Limits.GIB;
  static final long MAX_BODY = Limits.GIB;
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  private final Problems problems;
  private final ToIntFunction<String> lineOf;
  private final String what;

  /**
   * @param lineOf the line each limit key was written on
   * @param what the owner of the limits in messages, e.g. {@code component "api"}
   */
  LimitsParser(Problems problems, ToIntFunction<String> lineOf, String what) {
    this.problems = problems;
    this.lineOf = lineOf;
    this.what = what;
  }

  Limits parse(LimitsSpec spec) {
    Limits d = Limits.defaults();
    long memory = size(spec.maxMemory(), "max_memory", d.maxMemoryBytes(), WASM_PAGE, MAX_MEMORY);
    if (memory % WASM_PAGE != 0) {
      problem(
          "max_memory",
          "max_memory \""
              + spec.maxMemory().orElse("")
              + "\" is not a multiple of 64KiB (a Wasm page); round it, e.g. \""
              + Quantities.format((memory / WASM_PAGE + 1) * WASM_PAGE)
              + "\"");
      memory = d.maxMemoryBytes();
    }
    Duration timeout = parse(spec.timeout(), "timeout", d.timeout(), Quantities::duration);
    if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      problem(
          "timeout",
          "timeout \"" + spec.timeout().orElse("") + "\" is out of range; use between 1ms and 60m");
      timeout = d.timeout();
    }
    long body =
        size(spec.maxRequestBody(), "max_request_body", d.maxRequestBodyBytes(), 0, MAX_BODY);
    long response =
        size(spec.maxResponse(), "max_response", d.maxResponseBytes(), Limits.KIB, MAX_BODY);
    return new Limits(memory, timeout, body, response);
  }

  private long size(Optional<String> text, String key, long fallback, long min, long max) {
    long value = parse(text, key, fallback, Quantities::size);
    if (value < min || value > max) {
      problem(
          key,
          key
              + " \""
              + text.orElse("")
              + "\" is out of range; use between "
              + Quantities.format(min)
              + " and "
              + Quantities.format(max));
      return fallback;
    }
    return value;
  }

  private <T> T parse(Optional<String> text, String key, T fallback, Function<String, T> parser) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(text.get());
    } catch (IllegalArgumentException e) {
      problem(key, key + " " + e.getMessage());
      return fallback;
    }
  }

  private void problem(String key, String message) {
    problems.add(lineOf.applyAsInt(key), what + ": limits." + message);
  }
}
