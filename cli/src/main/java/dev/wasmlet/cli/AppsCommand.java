package dev.wasmlet.cli;

import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.Rejection;
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
    List<Rejection> refused = client().rejectedApps();
    if (json()) {
      var doc = JSON.createObjectNode();
      var list = doc.putArray("apps");
      apps.forEach(a -> list.add(a.json()));
      var rejected = doc.putArray("rejected");
      refused.forEach(r -> rejected.add(r.json()));
      printJson(doc);
      return ExitCodes.OK;
    }
    if (apps.isEmpty() && refused.isEmpty()) {
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
    if (!apps.isEmpty()) {
      t.print(out());
    }
    List<Rejection> all = new java.util.ArrayList<>(refused);
    apps.forEach(a -> a.lastRejection().ifPresent(all::add));
    if (!all.isEmpty()) {
      out().println();
      out().println("refused by the supply-chain policy (newest per app; wasmlet revisions APP):");
      Table r = new Table("APP", "WHEN", "WHAT", "CHECK", "WHY");
      for (Rejection x : all) {
        r.row(
            x.app(),
            Times.ago(x.at()),
            x.revision().map(n -> "revision " + n).orElse("deploy"),
            x.check(),
            x.message());
      }
      r.print(out());
    }
    return ExitCodes.OK;
  }
}
