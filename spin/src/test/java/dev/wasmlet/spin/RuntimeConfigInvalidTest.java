package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every runtime config Wasmlet refuses, as golden files: {@code invalid/<case>.toml} next to {@code
 * <case>.err}, the exact message with the file's path written as its name. A missing {@code .err}
 * is written from the actual message and the test fails, so each is reviewed once.
 */
class RuntimeConfigInvalidTest {
  private static final Path DIR = Path.of("src/test/resources/runtime-config/invalid");

  static Stream<String> cases() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".toml"))
          .map(n -> n.substring(0, n.length() - ".toml".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void isRefusedWithTheFileTheLineAndWhatToDo(String name) throws Exception {
    Path file = DIR.resolve(name + ".toml").toAbsolutePath();
    RuntimeConfigInvalid e =
        catchThrowableOfType(
            RuntimeConfigInvalid.class, () -> RuntimeConfig.read(file, file.getParent()));
    assertThat(e).as("%s is refused", name).isNotNull();
    String actual = e.getMessage().replace(file.toString(), file.getFileName().toString()) + "\n";
    Path golden = DIR.resolve(name + ".err");
    if (!Files.exists(golden)) {
      Files.writeString(golden, actual);
      throw new AssertionError("wrote " + golden + "; review it:\n" + actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
    assertThat(e.file()).isEqualTo(file);
  }
}
