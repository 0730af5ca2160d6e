package dev.wasmlet.cli;

import dev.wasmlet.client.Revision;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wasmlet revisions APP}: an app's retained revisions, newest first. */
@Command(
    mixinStandardHelpOptions = true,
    name = "revisions",
    description = "List an app's revisions, newest first, with their state and traffic.")
final class RevisionsCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Override
  int run() {
    List<Revision> revisions = client().revisions(app);
    if (json()) {
      var doc = JSON.createObjectNode();
      var list = doc.putArray("revisions");
      revisions.forEach(r -> list.add(r.json()));
      printJson(doc);
      return ExitCodes.OK;
    }
    if (revisions.isEmpty()) {
      out().println("app " + app + " has no revisions; deploy one with: wasmlet deploy DIR");
      return ExitCodes.OK;
    }
    Table t = new Table("REVISION", "STATE", "TRAFFIC", "CAUSE", "CREATED", "DIGEST", "REASON");
    for (Revision r : revisions) {
      t.row(
          r.number(),
          r.state(),
          r.percent() + "%",
          r.cause(),
          Times.ago(r.createdAt()),
          Describe.digest(r.digest()),
          r.reason().orElse(""));
    }
    t.print(out());
    return ExitCodes.OK;
  }
}
