package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl} of a {@link ControlPlane}, talking to it through its kubeconfig. Output
 * goes through files, so a chatty command cannot block on a full pipe.
 */
public final class Kubectl {
  private final Path binary;
  private final Path kubeconfig;
  private final Path workDir;

  Kubectl(Path binary, Path kubeconfig, Path workDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** What one kubectl run did. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** Fails the test with the command's output unless it exited 0; returns stdout. */
    public String ok() {
      assertThat(exitCode)
          .as("%s exit code; stderr:%n%s%nstdout:%n%s", command, stderr, stdout)
          .isZero();
      return stdout;
    }
  }

  /** Runs {@code kubectl ARGS}, failing the test unless it exits 0; returns its stdout. */
  public String run(String... args) {
    return result(args).ok();
  }

  /** Runs {@code kubectl ARGS} and returns what happened, whatever its exit code. */
  public Result result(String... args) {
    return exec(null, args);
  }

  /** Runs {@code kubectl ARGS} with {@code stdin} as its standard input (e.g. for {@code -f -}). */
  public Result withInput(String stdin, String... args) {
    return exec(stdin, args);
  }

  private Result exec(String stdin, String[] args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--request-timeout=30s");
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "kubectl", ".out");
      Path err = Files.createTempFile(workDir, "kubectl", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(Tools.root().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(command + " did not finish within 90 s");
      }
      Result r = new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
