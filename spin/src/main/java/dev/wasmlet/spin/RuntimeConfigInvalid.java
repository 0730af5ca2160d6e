package dev.wasmlet.spin;

import java.nio.file.Path;
import java.util.List;

/**
 * A runtime config file ({@code wasmlet up --runtime-config-file}) that cannot be used as written.
 * The message holds every problem, one per line, as {@code file:line: what is wrong; what to do}.
 * No message ever holds a variable's value.
 */
public final class RuntimeConfigInvalid extends SpinException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final List<String> problems;

  public RuntimeConfigInvalid(Path file, List<String> problems) {
    super(String.join("\n", problems), null);
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  /** The runtime config file. */
  public Path file() {
    return file;
  }

  /** Every problem, one line each, in the order of their lines in the file. */
  public List<String> problems() {
    return problems;
  }
}
