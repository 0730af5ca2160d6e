package dev.wasmlet.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --no-wait} and {@code --timeout} of the commands that start a rollout. */
final class WaitOptions {
  @Option(
      names = "--no-wait",
      description = "Return once the server accepted the change; do not follow the rollout.")
  boolean noWait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long to follow the rollout before giving up (it goes on on the server). Default:"
              + " ${DEFAULT-VALUE}.")
  Duration timeout;
}
