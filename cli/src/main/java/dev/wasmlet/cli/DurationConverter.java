package dev.wasmlet.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Parses {@code 500ms}, {@code 30s}, {@code 2m}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      if (value.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))));
      }
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> positive(Duration.ofSeconds(n));
        case 'm' -> positive(Duration.ofMinutes(n));
        default -> throw bad(value);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw bad(value);
    }
  }

  private static Duration positive(Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new CommandLine.TypeConversionException("duration must be positive, got " + d);
    }
    return d;
  }

  private static CommandLine.TypeConversionException bad(String value) {
    return new CommandLine.TypeConversionException(
        "invalid duration '" + value + "': use a number with ms, s or m, e.g. 500ms, 30s, 2m");
  }
}
