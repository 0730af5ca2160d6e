package dev.wasmlet.cli;

import dev.wasmlet.client.AppSummary;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code wasmlet apps}: every app on the server. */
@Command(
    mixinStandardHelpOptions = true,
    name = "apps",
    description = "List the apps on the server.")
final class AppsCommand extends ClientCommand {
  @Override
  int run() {
    List<AppSummary> apps = client().apps();
    if (json()) {
      var doc = JSON.createObjectNode();
      var list = doc.putArray("apps");
      apps.forEach(a -> list.add(a.json()));
      printJson(doc);
      return ExitCodes.OK;
    }
    if (apps.isEmpty()) {
      out().println("no apps; deploy one with: wasmlet deploy DIR");
      return ExitCodes.OK;
    }
    Table t = new Table("NAME", "ROUTE", "REVISION", "TRAFFIC", "REVISIONS", "ROLLOUT", "HEALTHY");
    for (AppSummary a : apps) {
      t.row(
          a.name(),
          Describe.route(a.routing()),
          a.activeRevision().map(String::valueOf).orElse("-"),
          Describe.traffic(a),
          a.revisions(),
          a.rollout().map(Describe::rollout).orElse("-"),
          a.healthy() ? "yes" : "NO");
    }
    t.print(out());
    return ExitCodes.OK;
  }
}
