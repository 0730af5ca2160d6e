package dev.wasmlet.app;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt keys and ids: the closest candidate within two edits. */
final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  static Optional<String> closest(String written, Collection<String> candidates) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : candidates) {
      int d = distance(written, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code "; did you mean \"x\"?"}, or nothing when no candidate is close. */
  static String didYouMean(String written, Collection<String> candidates) {
    return closest(written, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
