package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The external tools the registry tests need; a missing one fails the test, never skips it. */
public final class Tools {
  private Tools() {}

  public static String require(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(
        name
            + " is not installed; run scripts/install-toolchains.sh (Debian packages"
            + " docker-registry, skopeo, apache2-utils)");
  }

  /** Runs a tool, failing the test with its output unless it exits 0; returns its output. */
  public static String run(Path workDir, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, require(cmd.get(0)));
    Process p =
        new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", cmd, text).isZero();
    return text;
  }

  /** Pushes the OCI layout's {@code tag} to {@code ref} on a plain-HTTP registry with skopeo. */
  public static void skopeoPush(Path workDir, Path layout, String tag, String ref)
      throws IOException, InterruptedException {
    run(
        workDir,
        "skopeo",
        "copy",
        "--dest-tls-verify=false",
        "oci:" + layout + ":" + tag,
        "docker://" + ref);
  }

  /** The repository root, where {@code examples/} lives. */
  public static Path root() {
    return Path.of(System.getProperty("wasmlet.root", "..")).toAbsolutePath().normalize();
  }
}
