package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed guest binaries are what their sources build to: every example, the engine's WAT
 * fixtures and the test apps are rebuilt from source with the real toolchains (installed by
 * scripts/install-toolchains.sh) in a scratch copy, and must come out byte-identical.
 */
class ExamplesRebuildIT {
  @TempDir Path scratch;

  @Test
  void everyCommittedExampleModuleIsReproducedFromSource() throws Exception {
    Path examples = ServerProcess.root().resolve("examples");
    Path copy = scratch.resolve("examples");
    copyTree(examples, copy);
    List<Path> builds;
    try (Stream<Path> s = Files.list(copy)) {
      builds = s.map(d -> d.resolve("build.sh")).filter(Files::exists).sorted().toList();
    }
    assertThat(builds).hasSizeGreaterThanOrEqualTo(6);
    for (Path build : builds) {
      run(build.getParent(), "bash", "build.sh");
    }
    assertSameModules(examples, copy);
  }

  @Test
  void theEngineCliControlAndComponentTestGuestsAreReproducedFromSource() throws Exception {
    Path root = ServerProcess.root();
    Path out = Files.createDirectories(scratch.resolve("wat"));
    run(root.resolve("engine/src/test/wat"), "bash", "build.sh", out.toString());
    assertSameModules(root.resolve("engine/src/test/resources/wat"), out);
    Path slow = Files.createDirectories(scratch.resolve("slow"));
    run(root.resolve("cli/src/test/apps/slow"), "bash", "build.sh", slow.toString());
    assertThat(Files.readAllBytes(slow.resolve("slow.wasm")))
        .isEqualTo(Files.readAllBytes(root.resolve("cli/src/test/apps/slow/slow.wasm")));
    Path control = Files.createDirectories(scratch.resolve("control-apps"));
    run(root.resolve("control/src/test/apps"), "bash", "build.sh", control.toString());
    assertSameModules(root.resolve("control/src/test/resources/apps"), control);
    Path abi = Files.createDirectories(scratch.resolve("abi"));
    run(root.resolve("component/src/test/guests/abi"), "bash", "build.sh", abi.toString());
    run(root.resolve("component/src/test/guests/wat"), "bash", "build.sh", abi.toString());
    assertSameModules(root.resolve("component/src/test/resources/components"), abi);
  }

  private static void assertSameModules(Path committed, Path rebuilt) throws IOException {
    List<Path> modules;
    try (Stream<Path> s = Files.walk(committed)) {
      modules =
          s.filter(p -> p.toString().endsWith(".wasm"))
              .filter(p -> !p.toString().contains("node_modules"))
              .toList();
    }
    assertThat(modules).isNotEmpty();
    for (Path m : modules) {
      Path other = rebuilt.resolve(committed.relativize(m).toString());
      assertThat(other).as("rebuilt " + committed.relativize(m)).exists();
      assertThat(Files.readAllBytes(other))
          .as("%s is byte-identical to its rebuild", committed.relativize(m))
          .isEqualTo(Files.readAllBytes(m));
    }
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("build finishes").isTrue();
    assertThat(p.exitValue()).as("%s in %s:%n%s", String.join(" ", cmd), dir, out).isZero();
  }

  /** Copies sources; node_modules is linked, not copied (npm ci is not under test here). */
  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(all::add);
    }
    for (Path p : all) {
      Path rel = from.relativize(p);
      if (rel.toString().contains("node_modules/")) {
        continue;
      }
      Path dest = to.resolve(rel.toString());
      if (p.getFileName().toString().equals("node_modules")) {
        Files.createSymbolicLink(dest, p);
      } else if (Files.isSymbolicLink(p)) {
        Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dest);
      } else {
        Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }
}
