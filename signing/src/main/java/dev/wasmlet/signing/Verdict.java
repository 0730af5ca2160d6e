package dev.wasmlet.signing;

import java.util.List;
import java.util.stream.Collectors;

/** The checks a verification ran, in order; all passed, or it ends at the one that failed. */
public record Verdict(String artifactDigest, List<Check> checks) {
  public Verdict {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  /** One line per check, as {@code wasmlet verify} shows them. */
  public String report() {
    return checks.stream().map(Check::toString).collect(Collectors.joining("\n"));
  }
}
