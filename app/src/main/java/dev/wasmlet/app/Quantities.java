package dev.wasmlet.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes ({@code "128MiB"}) and durations ({@code "30s"}) of a limits table. */
final class Quantities {
  static final String SIZE_UNITS = "B, KiB, MiB or GiB";
  static final String DURATION_UNITS = "ms, s or m";
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})\\s*(B|KiB|MiB|GiB)?");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,19})\\s*(ms|s|m)");

  private Quantities() {}

  /**
   * A size in bytes: a whole number with an optional unit B, KiB, MiB or GiB.
   *
   * @throws IllegalArgumentException naming the accepted units
   */
  static long size(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a size; write a whole number with "
              + SIZE_UNITS
              + ", e.g. \"128MiB\"");
    }
    long unit =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "KiB" -> Limits.KIB;
          case "MiB" -> Limits.MIB;
          case "GiB" -> Limits.GIB;
          default -> 1;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
  }

  /**
   * A duration: a whole number with the unit ms, s or m.
   *
   * @throws IllegalArgumentException naming the accepted units
   */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a duration; write a whole number with "
              + DURATION_UNITS
              + ", e.g. \"30s\"");
    }
    try {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMinutes(n);
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
  }

  /** A size the way a user writes it: {@code 128MiB}, {@code 64KiB}, {@code 100B}. */
  static String format(long bytes) {
    if (bytes >= Limits.GIB && bytes % Limits.GIB == 0) {
      return bytes / Limits.GIB + "GiB";
    } else if (bytes >= Limits.MIB && bytes % Limits.MIB == 0) {
      return bytes / Limits.MIB + "MiB";
    } else if (bytes >= Limits.KIB && bytes % Limits.KIB == 0) {
      return bytes / Limits.KIB + "KiB";
    }
    return bytes + "B";
  }
}
