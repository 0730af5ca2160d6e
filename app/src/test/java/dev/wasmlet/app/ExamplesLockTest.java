package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's example apps are what users copy: each must lock. The component examples (C
 * wasi:http components) lock with every route on the wasi:http executor; the others with WAGI.
 */
class ExamplesLockTest {
  private static final Path EXAMPLES = Path.of("../examples");

  @TestFactory
  Stream<DynamicTest> componentExamplesLockForTheWasiHttpExecutor() throws IOException {
    List<Path> components = examples(true);
    assertThat(components).as("component examples").hasSizeGreaterThanOrEqualTo(3);
    return components.stream()
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d.getFileName().toString(),
                    () -> {
                      LockedApp app = Manifests.lock(d);
                      assertThat(app.routes())
                          .isNotEmpty()
                          .allSatisfy(r -> assertThat(r.executor()).isEqualTo(Executor.WASI_HTTP));
                      assertThat(app.components().values())
                          .allSatisfy(c -> assertThat(c.isComponent()).isTrue());
                    }));
  }

  /** The examples whose directory holds a component (layer 1 header) or a core module. */
  static List<Path> examples(boolean components) throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("wasmlet.toml")))
          .filter(d -> holdsComponent(d) == components)
          .sorted()
          .toList();
    }
  }

  private static boolean holdsComponent(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path wasm : files.filter(f -> f.toString().endsWith(".wasm")).toList()) {
        byte[] header = Files.readAllBytes(wasm);
        if (header.length >= 8 && (header[6] != 0 || header[7] != 0)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleAppLocks() throws IOException {
    return examples(false).stream()
        .map(
            d ->
                DynamicTest.dynamicTest(
                    d.getFileName().toString(),
                    () -> {
                      LockedApp app = Manifests.lock(d);
                      assertThat(app.routes()).isNotEmpty();
                      assertThat(app.components().values())
                          .allSatisfy(c -> assertThat(c.isComponent()).isFalse());
                      assertThat(app.components().values())
                          .allSatisfy(c -> assertThat(c.sha256()).hasSize(64));
                    }));
  }
}
