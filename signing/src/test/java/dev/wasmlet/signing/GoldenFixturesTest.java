package dev.wasmlet.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each directory under {@code bad/} holds the bundles of one rejected artifact and {@code
 * expected.err}, the exact rejection; all are checked against {@code policy.toml}. Run with {@code
 * -Dwasmlet.golden.update=true} to rewrite the {@code .err} files after a deliberate change.
 */
class GoldenFixturesTest {
  private static final Path RES = Path.of("src/test/resources");
  private static final Verifier VERIFIER = new Verifier(Policy.read(RES.resolve("policy.toml")));

  static Stream<String> badCases() throws IOException {
    try (Stream<Path> dirs = Files.list(RES.resolve("bad"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void goodSignatureAndProvenancePassEveryCheckInOrder() throws IOException {
    Verdict verdict = VERIFIER.verify(evidence(RES.resolve("good")));

    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.checks())
        .extracting(Check::name)
        .containsExactly(
            "registry-allowed",
            "signature-present",
            "key-trusted",
            "signature-valid",
            "subject-matches",
            "provenance-present",
            "provenance-valid",
            "provenance-subject-matches",
            "builder-trusted",
            "source-trusted");
  }

  @Test
  void everyNamedBadCaseHasAFixture() throws IOException {
    assertThat(badCases().toList())
        .contains(
            "tampered-payload",
            "wrong-key",
            "signature-over-another-digest",
            "provenance-for-another-subject",
            "untrusted-builder",
            "untrusted-source",
            "truncated-bundle",
            "unknown-media-type");
  }

  @ParameterizedTest
  @MethodSource("badCases")
  void badArtifactIsRejectedWithItsExactMessage(String name) throws IOException {
    Path dir = RES.resolve("bad").resolve(name);
    Path err = dir.resolve("expected.err");
    if (Boolean.getBoolean("wasmlet.golden.update")) {
      try {
        VERIFIER.verify(evidence(dir));
      } catch (PolicyRejected e) {
        Files.writeString(err, e.getMessage() + "\n", StandardCharsets.UTF_8);
      }
    }
    String expected = Files.readString(err, StandardCharsets.UTF_8).strip();

    assertThatThrownBy(() -> VERIFIER.verify(evidence(dir)))
        .isInstanceOf(PolicyRejected.class)
        .hasMessage(expected)
        .satisfies(
            e -> {
              List<Check> checks = ((PolicyRejected) e).verdict().checks();
              assertThat(checks.subList(0, checks.size() - 1)).allMatch(Check::passed);
              assertThat(checks.get(checks.size() - 1).passed()).isFalse();
            });
  }

  static Evidence evidence(Path dir) throws IOException {
    Evidence e = Evidence.of(BadFixtures.ARTIFACT).withRegistry("127.0.0.1:5000");
    if (Files.exists(dir.resolve("signature.json"))) {
      e.withSignatureBundle(Files.readAllBytes(dir.resolve("signature.json")));
    }
    if (Files.exists(dir.resolve("provenance.json"))) {
      e.withProvenanceBundle(Files.readAllBytes(dir.resolve("provenance.json")));
    }
    return e;
  }
}
