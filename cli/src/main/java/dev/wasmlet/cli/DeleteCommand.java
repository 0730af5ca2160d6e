package dev.wasmlet.cli;

import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasmlet delete APP}: remove an app with its revisions, variables and secrets. */
@Command(
    mixinStandardHelpOptions = true,
    name = "delete",
    description =
        "Delete an app: drain its requests, then remove it with its revisions, variables and"
            + " secrets.")
final class DeleteCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation (needed when not at a terminal).")
  boolean yes;

  @Override
  int run() {
    if (!yes) {
      Console c = Terminal.console();
      if (c == null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "deleting app " + app + " cannot be undone; confirm with --yes (not at a terminal)",
            null);
      }
      String answer =
          c.readLine(
              "delete app %s with its revisions, variables and secrets? This cannot be undone."
                  + " [y/N] ",
              app);
      if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
        out().println("not deleted");
        return ExitCodes.OK;
      }
    }
    client().deleteApp(app);
    if (json()) {
      var doc = JSON.createObjectNode();
      doc.put("deleted", app);
      printJson(doc);
    } else {
      out().println("app " + app + " deleted");
    }
    return ExitCodes.OK;
  }
}
