package dev.wasmlet.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Times for people: {@code 12s ago}, {@code 3h ago}, the ISO date after a week; and durations. */
final class Times {
  private Times() {}

  static String ago(Instant t) {
    return ago(t, Instant.now());
  }

  static String ago(Instant t, Instant now) {
    long s = Math.max(0, Duration.between(t, now).toSeconds());
    if (s < 60) {
      return s + "s ago";
    }
    if (s < 3600) {
      return s / 60 + "m ago";
    }
    if (s < 86_400) {
      return s / 3600 + "h ago";
    }
    if (s < 7 * 86_400) {
      return s / 86_400 + "d ago";
    }
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code 850ms}, {@code 4.2s}, {@code 3m 5s}, {@code 2h 10m}. */
  static String span(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return s / 60 + "m " + s % 60 + "s";
    }
    return s / 3600 + "h " + s % 3600 / 60 + "m";
  }

  /** A duration as the API writes it: {@code 30s}, {@code 500ms}. */
  static String api(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
