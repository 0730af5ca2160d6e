package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code invalid/<case>.toml} fails to lock with exactly the text of {@code <case>.err}, the
 * test directory written as {@code $DIR}. Run with {@code -Dgolden.update=true} to rewrite the
 * {@code .err} files from the current messages (then review the diff).
 */
class InvalidManifestGoldenTest {
  private static final Path SOURCES = Path.of("src/test/resources/invalid");

  @TestFactory
  Stream<DynamicTest> eachInvalidManifestFailsWithItsGoldenMessage() throws Exception {
    return cases().stream()
        .map(toml -> DynamicTest.dynamicTest(toml.getFileName().toString(), () -> check(toml)));
  }

  @Test
  void thereAreAtLeastFourteenGoldenCases() throws Exception {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(14);
  }

  private static void check(Path toml) throws IOException {
    String name = toml.getFileName().toString().replace(".toml", ".err");
    String actual = message(toml);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(SOURCES.resolve(name), actual + "\n");
      return;
    }
    Path golden = toml.resolveSibling(name);
    assertThat(golden).as("golden file %s", name).exists();
    assertThat(actual).isEqualTo(Files.readString(golden).stripTrailing());
  }

  private static String message(Path toml) throws IOException {
    String dir = toml.getParent().toRealPath().toString();
    Throwable thrown = null;
    try {
      Manifests.lock(toml);
    } catch (ManifestInvalid e) {
      thrown = e;
    }
    assertThat(thrown).as("%s must fail to lock", toml.getFileName()).isNotNull();
    return thrown.getMessage().replace(dir, "$DIR");
  }

  private static List<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(InvalidManifestGoldenTest.class.getResource("/invalid").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
    }
  }

  @Test
  void problemsAreListedOneLinePerProblemSortedByLine() {
    Path toml = Path.of("src/test/resources/invalid/unknown-key.toml");
    assertThatThrownBy(() -> Manifests.lock(toml))
        .isInstanceOfSatisfying(
            ManifestInvalid.class,
            e -> {
              assertThat(e.problems()).hasSize(4);
              assertThat(e.problems())
                  .extracting(p -> Integer.parseInt(p.split(":", -1)[1]))
                  .isSorted();
              assertThat(e.file()).isEqualTo(toml);
            });
  }
}
