package dev.wasmlet.cli;

import java.io.Console;

/** Whether a person is at the keyboard: confirmations and hidden input need one. */
final class Terminal {
  private Terminal() {}

  /** The console when stdin and stdout are a terminal, else null. */
  @SuppressWarnings("SystemConsoleNull") // null before Java 22; isTerminal() below from 22 on
  static Console console() {
    Console c = System.console();
    if (c == null) {
      return null;
    }
    // Since Java 22 System.console() is non-null even when redirected; isTerminal() tells.
    try {
      Object terminal = Console.class.getMethod("isTerminal").invoke(c);
      return Boolean.TRUE.equals(terminal) ? c : null;
    } catch (ReflectiveOperationException e) {
      return c;
    }
  }
}
