package dev.wasmlet.cli;

import dev.wasmlet.client.Rollout;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasmlet rollback APP}: move an app's traffic back to an earlier revision. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rollback",
    description =
        "Move all of an app's traffic back to an earlier revision (default: the newest earlier"
            + " one that was healthy).")
final class RollbackCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
  String app;

  @Option(names = "--to", paramLabel = "REVISION", description = "The revision to go back to.")
  Optional<Integer> to;

  @Mixin WaitOptions wait;

  @Override
  int run() {
    Rollout started = client().rollback(app, to);
    PrintWriter progress = json() ? err() : out();
    progress.println(RolloutWatch.describe(started));
    progress.flush();
    Rollout done =
        wait.noWait ? started : new RolloutWatch(client(), progress).follow(started, wait.timeout);
    if (json()) {
      printJson(done.json());
    } else if (done.finished()) {
      out().println(RolloutWatch.succeeded(done));
    } else {
      out().println("not waiting; follow it with: wasmlet app " + app);
    }
    return ExitCodes.OK;
  }
}
