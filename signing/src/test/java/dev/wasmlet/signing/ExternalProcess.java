package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real process (node, openssl) and captures its output; fails loudly when it is absent. */
record ExternalProcess(int exitCode, String stdout, String stderr) {

  /**
   * The sigstore-js folder with node_modules installed: {@code scripts/install-sigstore-js.sh}
   * installs them when missing (idempotent); a failure to install fails the test, never skips it.
   */
  static Path sigstoreJs() {
    Path dir = Path.of(System.getProperty("wasmlet.signing.js", "src/test/js")).toAbsolutePath();
    ExternalProcess version = run(dir, "node", "--version");
    assertThat(version.exitCode()).as("node --version: " + version.stderr()).isZero();
    Path root = Path.of(System.getProperty("wasmlet.root", "..")).toAbsolutePath().normalize();
    ExternalProcess install =
        run(root, "bash", root.resolve("scripts/install-sigstore-js.sh").toString());
    assertThat(install.exitCode())
        .as("scripts/install-sigstore-js.sh failed: " + install.stderr())
        .isZero();
    assertThat(dir.resolve("node_modules/@sigstore/sign/package.json"))
        .as("sigstore-js is not installed in " + dir + "; run scripts/install-sigstore-js.sh")
        .exists();
    return dir;
  }

  static ExternalProcess run(Path dir, String... command) {
    try {
      Path out = Files.createTempFile("proc", ".out");
      Path err = Files.createTempFile("proc", ".err");
      Process p =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
      }
      ExternalProcess r =
          new ExternalProcess(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "cannot run "
              + command[0]
              + " ("
              + e.getMessage()
              + "); install it (scripts/install-toolchains.sh)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
