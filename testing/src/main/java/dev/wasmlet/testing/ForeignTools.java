package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Other projects' signing tools that interoperability tests run as real processes: sigstore-js and
 * cosign, each installed on first use by its script under {@code scripts/} (idempotent), and
 * openssl for keys. A tool that cannot be installed fails the test, never skips it.
 */
public final class ForeignTools {
  private ForeignTools() {}

  /** {@code signing/src/test/js} with sigstore-js installed; its {@code interop.js} signs. */
  public static Path sigstoreJs() throws IOException, InterruptedException {
    run(Tools.root(), Map.of(), 300, "bash", "scripts/install-sigstore-js.sh");
    return Tools.root().resolve("signing/src/test/js");
  }

  /** The cosign binary, built from source by {@code scripts/install-cosign.sh} when missing. */
  public static Path cosign() throws IOException, InterruptedException {
    String out = run(Tools.root(), Map.of(), 1800, "bash", "scripts/install-cosign.sh");
    Path bin = Path.of(out.lines().reduce((a, b) -> b).orElseThrow().strip());
    assertThat(bin).as("scripts/install-cosign.sh printed the cosign binary").isExecutable();
    return bin;
  }

  /** {@code dir/NAME.key} (ECDSA P-256, unencrypted PKCS#8) and {@code NAME.pub}, by openssl. */
  public static void opensslKey(Path dir, String name) throws IOException, InterruptedException {
    run(
        dir,
        Map.of(),
        60,
        "openssl",
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        name + ".key");
    run(
        dir,
        Map.of(),
        60,
        "openssl",
        "pkey",
        "-in",
        name + ".key",
        "-pubout",
        "-out",
        name + ".pub");
  }

  /**
   * Runs a command in {@code dir} with extra environment, failing the test with its output unless
   * it exits 0 within {@code seconds}; returns its standard output.
   */
  public static String run(Path dir, Map<String, String> env, long seconds, String... command)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("tool", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + command[0] + " (" + e.getMessage() + "); is it installed?", e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(err);
    String stdout = new String(out, StandardCharsets.UTF_8);
    assertThat(done)
        .as("%s finished within %d s; stderr:%n%s", List.of(command), seconds, stderr)
        .isTrue();
    assertThat(p.exitValue())
        .as("%s exit code; stdout:%n%s%nstderr:%n%s", List.of(command), stdout, stderr)
        .isZero();
    return stdout;
  }
}
