package dev.wasmlet.cli;

import dev.wasmlet.client.Rejection;
import dev.wasmlet.client.Revision;
import dev.wasmlet.client.ServerRefused;
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
    List<Rejection> rejections = client().rejections(app);
    List<Revision> revisions = rejections.isEmpty() ? client().revisions(app) : revisionsIfAny();
    if (json()) {
      var doc = JSON.createObjectNode();
      var list = doc.putArray("revisions");
      revisions.forEach(r -> list.add(r.json()));
      var refused = doc.putArray("rejections");
      rejections.forEach(r -> refused.add(r.json()));
      printJson(doc);
      return ExitCodes.OK;
    }
    if (revisions.isEmpty()) {
      out().println("app " + app + " has no revisions; deploy one with: wasmlet deploy DIR");
    } else {
      table(revisions);
    }
    if (!rejections.isEmpty()) {
      out().println();
      out().println("refused by the supply-chain policy (newest first):");
      Table r = new Table("WHEN", "WHAT", "ARTIFACT", "CHECK", "WHY");
      for (Rejection x : rejections) {
        r.row(
            Times.ago(x.at()),
            x.revision().map(n -> "revision " + n).orElse("deploy"),
            x.subject(),
            x.check(),
            x.message());
      }
      r.print(out());
    }
    return ExitCodes.OK;
  }

  /** The revisions of an app that may exist only as refused deploys. */
  private List<Revision> revisionsIfAny() {
    try {
      return client().revisions(app);
    } catch (ServerRefused e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  private void table(List<Revision> revisions) {
    Table t =
        new Table(
            "REVISION", "STATE", "TRAFFIC", "CAUSE", "CREATED", "DIGEST", "SUPPLY CHAIN", "REASON");
    for (Revision r : revisions) {
      t.row(
          r.number(),
          r.state(),
          r.percent() + "%",
          r.cause(),
          Times.ago(r.createdAt()),
          Describe.digest(r.digest()),
          r.state().equals("rejected")
              ? "refused (see below)"
              : r.verification().map(Describe::verification).orElse("-"),
          r.reason().orElse(""));
    }
    t.print(out());
  }
}
