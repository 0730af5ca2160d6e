package dev.wasmlet.cli;

import java.util.Locale;

/** Sizes for people: {@code 526 B}, {@code 19.7 KiB}, {@code 3.1 MiB}. */
final class Bytes {
  private Bytes() {}

  static String of(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
