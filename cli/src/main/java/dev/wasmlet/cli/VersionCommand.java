package dev.wasmlet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wasmlet version}: the same text as {@code --version}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "version",
    description = "Print Wasmlet's version.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new WasmletCommand.Version().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return ExitCodes.OK;
  }
}
