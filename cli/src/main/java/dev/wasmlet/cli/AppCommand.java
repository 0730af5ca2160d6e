package dev.wasmlet.cli;

import dev.wasmlet.client.AppDetail;
import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.SecretInfo;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wasmlet app NAME}: one app in detail. */
@Command(
    mixinStandardHelpOptions = true,
    name = "app",
    description = "Show one app: routing, traffic, last rollout, names of vars.")
final class AppCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Override
  int run() {
    AppDetail d = client().app(app);
    if (json()) {
      printJson(d.json());
      return ExitCodes.OK;
    }
    AppSummary s = d.summary();
    Table t = Table.fields();
    t.field("name", s.name());
    t.field(
        "route",
        Describe.route(s.routing()) + (s.routing().hosts().isEmpty() ? "  (any host)" : ""));
    t.field(
        "revision",
        s.activeRevision().map(String::valueOf).orElse("none")
            + "  ("
            + s.revisions()
            + " kept; see wasmlet revisions "
            + s.name()
            + ")");
    t.field("traffic", Describe.traffic(s));
    t.field("healthy", s.healthy() ? "yes" : "NO");
    t.field(
        "admission",
        d.admission().maxConcurrency() + " at once, " + d.admission().maxQueue() + " waiting");
    if (s.rollout().isPresent()) {
      Rollout r = s.rollout().get();
      t.field(
          "rollout",
          Describe.rollout(r)
              + "  revision "
              + r.revision()
              + r.from().map(f -> " from " + f).orElse("")
              + ", "
              + r.strategy().type()
              + ", "
              + Times.ago(r.startedAt())
              + (r.message().isBlank() ? "" : ": " + r.message()));
    }
    s.lastRejection()
        .ifPresent(
            r ->
                t.field(
                    "last refused",
                    Describe.rejection(r) + "  (see wasmlet revisions " + s.name() + ")"));
    t.field("vars", d.vars().isEmpty() ? "-" : String.join(", ", d.vars()));
    t.field(
        "secrets",
        d.secrets().isEmpty()
            ? "-"
            : d.secrets().stream().map(SecretInfo::name).collect(Collectors.joining(", ")));
    t.print(out());
    return ExitCodes.OK;
  }
}
