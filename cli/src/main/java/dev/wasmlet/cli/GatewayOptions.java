package dev.wasmlet.cli;

import dev.wasmlet.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The app gateway's client limits and guest slots, the same for {@code up} and {@code server}. */
final class GatewayOptions {
  @Option(names = "--access-log", description = "Log one line per request.")
  boolean accessLog;

  @Option(
      names = "--body-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Longest a request body may take to arrive (default: ${DEFAULT-VALUE}).")
  Duration bodyTimeout;

  @Option(
      names = "--read-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Longest one read from a client may block (default: ${DEFAULT-VALUE}).")
  Duration readTimeout;

  @Option(
      names = "--guest-slots",
      paramLabel = "N",
      description =
          "Guests that may run at once (over all apps of a server); more requests wait in arrival"
              + " order, up to 10 s, then get 503 (default: one per core).")
  Optional<Integer> guestSlots;

  /**
   * The gateway's settings for this listener; a warning goes to {@code err} when the guest slots
   * outnumber the carrier threads this JVM was started with.
   */
  GatewayConfig config(Listen listen, PrintWriter err) {
    GatewayConfig config =
        GatewayConfig.defaults()
            .withListen(listen.host(), listen.port())
            .withAccessLog(accessLog)
            .withBodyTimeout(bodyTimeout)
            .withReadTimeout(readTimeout);
    if (guestSlots.isPresent()) {
      if (guestSlots.get() < 1) {
        throw new CliFailure(ExitCodes.USAGE, "--guest-slots must be at least 1", null);
      }
      config = config.withGuestSlots(guestSlots.get());
      CarrierThreads.warning(guestSlots.get()).ifPresent(err::println);
    }
    return config;
  }
}
