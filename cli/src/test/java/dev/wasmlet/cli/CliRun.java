package dev.wasmlet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the real command line, with what it printed. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WasmletCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Both streams, for assertions about what was never printed. */
  String all() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
