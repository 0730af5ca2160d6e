package dev.wasmlet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds, or builds on first use, etcd, kube-apiserver, kube-controller-manager and kubectl through
 * scripts/control-plane.sh (cached per machine under ~/.cache/wasmlet). Asked once per JVM.
 */
final class ControlPlaneBinaries {
  /** A cold build took ~20 minutes on a 2-core machine; allow twice that. */
  private static final Duration BUILD = Duration.ofMinutes(45);

  private static Path found;

  private ControlPlaneBinaries() {}

  /** The directory holding the four binaries; the script's log goes under {@code dir}. */
  static synchronized Path find(Path dir) throws IOException {
    if (found != null) {
      return found;
    }
    Path script = Tools.root().resolve("scripts/control-plane.sh");
    Path log = dir.resolve("control-plane-build.log");
    Path out = dir.resolve("control-plane-build.out");
    System.err.println(
        "control-plane: finding or building the binaries with " + script + " (log: " + log + ")");
    Process p =
        new ProcessBuilder("bash", script.toString())
            .directory(Tools.root().toFile())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
    try {
      if (!p.waitFor(BUILD.toMinutes(), TimeUnit.MINUTES)) {
        p.destroy();
        throw new AssertionError(
            script
                + " did not finish within "
                + BUILD.toMinutes()
                + " minutes; its log:\n"
                + tail(log));
      }
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + script, e);
    }
    List<String> lines = Files.readAllLines(out);
    if (p.exitValue() != 0 || lines.isEmpty()) {
      throw new AssertionError(
          script
              + " failed (exit "
              + p.exitValue()
              + "); the last lines of its log:\n"
              + tail(log));
    }
    Path bin = Path.of(lines.get(lines.size() - 1).trim());
    for (String b : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl")) {
      if (!Files.isExecutable(bin.resolve(b))) {
        throw new AssertionError(script + " printed " + bin + ", which has no executable " + b);
      }
    }
    found = bin;
    return bin;
  }

  /** The last 30 lines of a log, for failure messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
