package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The repository's example apps are what users copy: each must lock. */
class ExamplesLockTest {
  private static final Path EXAMPLES = Path.of("../examples");

  @TestFactory
  Stream<DynamicTest> everyExampleAppLocks() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs
          .filter(d -> Files.isRegularFile(d.resolve("wasmlet.toml")))
          .sorted()
          .toList()
          .stream()
          .map(
              d ->
                  DynamicTest.dynamicTest(
                      d.getFileName().toString(),
                      () -> {
                        LockedApp app = Manifests.lock(d);
                        assertThat(app.routes()).isNotEmpty();
                        assertThat(app.components().values())
                            .allSatisfy(c -> assertThat(c.sha256()).hasSize(64));
                      }));
    }
  }
}
