package dev.wasmlet.cli;

import dev.wasmlet.client.Contexts;
import dev.wasmlet.client.HostEnvironment;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config}: the contexts file. */
final class ConfigOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Contexts file (default: $WASMLET_CONFIG, else $XDG_CONFIG_HOME/wasmlet/config.json,"
              + " else ~/.config/wasmlet/config.json).")
  Optional<Path> config;

  Path file() {
    return config.orElseGet(() -> Contexts.defaultFile(HostEnvironment.system()));
  }
}
