package dev.wasmlet.cli;

import dev.wasmlet.client.ServerStatus;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code wasmlet status}: the server's version, addresses and load. */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Show the server's version, addresses, apps and load.")
final class StatusCommand extends ClientCommand {
  @Override
  int run() {
    ServerStatus s = client().status();
    if (json()) {
      printJson(s.json());
      return ExitCodes.OK;
    }
    Table t = Table.fields();
    t.field(
        "server", client().endpoint().server() + "  (from " + client().endpoint().origin() + ")");
    t.field("version", s.version());
    t.field("uptime", Times.span(Duration.ofSeconds(s.uptimeSeconds())));
    t.field("apps", s.apps());
    t.field("revisions loaded", s.revisionsLoaded());
    t.field("guest slots", s.guestSlots());
    t.field("gateway", s.gateway());
    t.field("admin", s.admin());
    t.field(
        "supply chain",
        s.policy().map(p -> "policy enforced: " + p).orElse("no policy (nothing is verified)"));
    t.print(out());
    return ExitCodes.OK;
  }
}
