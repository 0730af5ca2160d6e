package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signing keys made with the real {@code wasmlet keys generate}, and policy files trusting them.
 */
final class PolicyFiles {
  private PolicyFiles() {}

  /** Generates {@code dir/NAME.key} and {@code .pub}; returns {@code dir/NAME}. */
  static String key(Path dir, String name) {
    String base = dir.resolve(name).toString();
    CliRun gen = CliRun.of("keys", "generate", "--name", base);
    assertThat(gen.code()).as("%s", gen).isZero();
    return base;
  }

  /** Writes a TOML policy trusting {@code key}'s public key, followed by {@code rules}. */
  static Path policy(Path file, String key, String rules) throws IOException {
    Files.writeString(file, "trustedKeys = [\"" + key + ".pub\"]\n" + rules);
    return file;
  }
}
