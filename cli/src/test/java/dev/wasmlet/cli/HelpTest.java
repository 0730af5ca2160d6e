package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command answers {@code --help}, as the error handler's "see: wasmlet X --help" promises.
 */
class HelpTest {
  @Test
  void everyCommandAndSubcommandAnswersHelpWithItsUsage() {
    CommandLine root =
        WasmletCommand.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<List<String>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(25);
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun r = CliRun.of(args.toArray(String[]::new));
      String name = String.join(" ", path);
      assertThat(r.code()).as("wasmlet %s --help: %s", name, r).isZero();
      assertThat(r.out()).as(name).contains("Usage: wasmlet " + name);
    }
  }

  private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help") || !sub.getCommandName().equals(name)) {
                return; // the help command, and aliases of a command already listed
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              out.add(p);
              collect(sub, p, out);
            });
  }
}
