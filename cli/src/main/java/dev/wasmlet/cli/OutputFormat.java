package dev.wasmlet.cli;

import java.util.Locale;
import picocli.CommandLine;

/** {@code --output}: tables for people, or JSON for scripts. */
enum OutputFormat {
  TEXT,
  JSON;

  /** Accepts {@code text} and {@code json}. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "invalid output '" + value + "': use text or json");
      }
    }
  }
}
