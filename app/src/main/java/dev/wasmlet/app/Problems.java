package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one manifest so they are reported together, sorted by line. */
final class Problems {
  private final Path file;
  private final List<Problem> found = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  void add(int line, String message) {
    found.add(new Problem(line, 0, message));
  }

  void add(int line, int column, String message) {
    found.add(new Problem(line, column, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws {@link ManifestInvalid} holding every problem so far, if there is any. */
  void throwIfAny() {
    if (found.isEmpty()) {
      return;
    }
    String name = String.valueOf(file.getFileName());
    List<String> lines =
        found.stream()
            .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
            .map(p -> p.render(name))
            .distinct()
            .toList();
    throw new ManifestInvalid(file, lines);
  }
}
