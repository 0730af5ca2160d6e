package dev.wasmlet.cli;

import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.TrafficSplit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wasmlet traffic APP 3=90 4=10}: split an app's requests between revisions. */
@Command(
    mixinStandardHelpOptions = true,
    name = "traffic",
    description =
        "Split an app's requests between its revisions, in whole percents adding up to 100.")
final class TrafficCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "REVISION=PERCENT",
      description = "Each revision's share, e.g. 3=90 4=10.")
  List<String> split;

  @Override
  int run() {
    TrafficSplit parsed = TrafficSplit.parse(split);
    AppSummary a = client().traffic(app, parsed);
    if (json()) {
      printJson(a.json());
    } else {
      out().println(a.name() + " traffic: " + Describe.traffic(a));
    }
    return ExitCodes.OK;
  }
}
