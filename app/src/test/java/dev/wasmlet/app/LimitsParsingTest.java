package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsParsingTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "100, 100",
    "100B, 100",
    "64KiB, 65536",
    "128MiB, 134217728",
    "4GiB, 4294967296",
    "' 2 MiB ', 2097152"
  })
  void sizesTakeBytesAndBinaryUnits(String text, long bytes) {
    assertThat(Quantities.size(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"128MB", "1.5MiB", "MiB", "-1", "10 kib", "1TiB", "", "99999999999GiB"})
  void sizesWithoutAnAcceptedUnitAreRejectedNamingTheUnits(String text) {
    assertThatThrownBy(() -> Quantities.size(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void aSizeErrorNamesTheAcceptedUnits() {
    assertThatThrownBy(() -> Quantities.size("128MB")).hasMessageContaining("B, KiB, MiB or GiB");
  }

  @ParameterizedTest
  @CsvSource({"1ms, PT0.001S", "1500ms, PT1.5S", "30s, PT30S", "2m, PT2M", "60m, PT1H"})
  void durationsTakeMillisecondsSecondsAndMinutes(String text, Duration expected) {
    assertThat(Quantities.duration(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "1h", "30 sec", "1.5s", "s"})
  void durationsWithoutAnAcceptedUnitAreRejected(String text) {
    assertThatThrownBy(() -> Quantities.duration(text)).hasMessageContaining("ms, s or m");
  }

  @Test
  void absentLimitsTakeTheSafeDefaults() {
    Limits limits = parse(LimitsSpec.none(), new Problems(Path.of("wasmlet.toml")));

    assertThat(limits).isEqualTo(Limits.defaults());
    assertThat(limits.maxMemoryBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(limits.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.maxRequestBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(limits.maxResponseBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void writtenLimitsReplaceOnlyTheirOwnDefault() {
    LimitsSpec spec =
        new LimitsSpec(Optional.of("16MiB"), Optional.empty(), Optional.of("0"), Optional.empty());
    Problems problems = new Problems(Path.of("wasmlet.toml"));

    Limits limits = parse(spec, problems);

    assertThat(problems.isEmpty()).isTrue();
    assertThat(limits.maxMemoryBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(limits.maxRequestBodyBytes()).isZero();
    assertThat(limits.timeout()).isEqualTo(Limits.defaults().timeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"100KiB", "32KiB", "5GiB", "65537"})
  void maxMemoryMustBeWholePagesBetween64KiBAnd4GiB(String memory) {
    Problems problems = new Problems(Path.of("wasmlet.toml"));

    parse(
        new LimitsSpec(Optional.of(memory), Optional.empty(), Optional.empty(), Optional.empty()),
        problems);

    assertThatThrownBy(problems::throwIfAny)
        .isInstanceOf(ManifestInvalid.class)
        .hasMessageContaining("limits.max_memory \"" + memory + "\"");
  }

  private static Limits parse(LimitsSpec spec, Problems problems) {
    return new LimitsParser(problems, key -> 1, "component \"c\"").parse(spec);
  }
}
