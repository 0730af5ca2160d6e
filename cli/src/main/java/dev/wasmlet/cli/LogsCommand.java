package dev.wasmlet.cli;

import dev.wasmlet.client.LogLine;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasmlet logs APP}: an app's recent log lines (guest stderr, rollouts, health). */
@Command(
    mixinStandardHelpOptions = true,
    name = "logs",
    description =
        "Print an app's log: guest stderr, rollouts and health changes (the last 1,000 lines).")
final class LogsCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until interrupted.")
  boolean follow;

  @Option(
      names = "--since",
      paramLabel = "SEQ",
      defaultValue = "0",
      description = "Only lines after this sequence number (the SEQ of a line in --output json).")
  long since;

  @Override
  int run() {
    PrintWriter out = out();
    client()
        .logs(
            app,
            since,
            follow,
            line -> {
              out.println(json() ? line.json().toString() : text(line));
              out.flush();
            });
    return ExitCodes.OK;
  }

  private static String text(LogLine l) {
    return l.time().truncatedTo(ChronoUnit.MILLIS)
        + "  "
        + String.format("%-5s", l.level())
        + "  "
        + l.revision().map(r -> "r" + r).orElse("-")
        + "  "
        + String.format("%-7s", l.source())
        + "  "
        + l.message()
        + l.requestId().map(id -> "  [" + id + "]").orElse("");
  }
}
