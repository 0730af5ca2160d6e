package dev.wasmlet.cli;

import dev.wasmlet.component.ComponentMalformed;
import dev.wasmlet.component.Inspection;
import dev.wasmlet.component.ModuleInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmlet inspect FILE}: what a core module or a component imports and exports, so a user
 * can see which interfaces (and versions) a component needs before running it.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show what a Wasm module or component imports and exports (WIT-like text or JSON).")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A .wasm core module or component.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      description = "text (default) or json.")
  OutputFormat output;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(
          ExitCodes.USAGE,
          file + " is not a file; give the path of a .wasm module or component",
          null);
    }
    byte[] bytes = Files.readAllBytes(file);
    Inspection inspection;
    try {
      inspection = ModuleInspector.inspect(bytes);
    } catch (ComponentMalformed e) {
      throw new CliFailure(
          ExitCodes.INVALID_APP,
          file + ": " + e.getMessage() + "; rebuild it, or check it with `wasm-tools validate`",
          null);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.JSON) {
      out.println(
          ClientCommand.JSON
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(inspection.toMap()));
    } else {
      out.print(inspection.text());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
