package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The manifest cannot be used as written. The message holds every problem found, one per line,
 * sorted by line, each as {@code file:line: what is wrong; how to fix it}, like a compiler.
 */
public final class ManifestInvalid extends AppException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final List<String> problems;

  public ManifestInvalid(Path file, List<String> problems) {
    super(String.join("\n", problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  /** The manifest file the problems are in. */
  public Path file() {
    return file;
  }

  /** Every problem, one line each, in the order of their lines in the file. */
  public List<String> problems() {
    return problems;
  }
}
