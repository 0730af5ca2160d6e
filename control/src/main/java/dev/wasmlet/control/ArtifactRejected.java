package dev.wasmlet.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.signing.Check;
import java.util.List;

/**
 * A revision's source failed a check of the server's supply-chain policy: it is not stored, or not
 * served. The message is {@code <check>: <why>}; the problem document lists every check that ran.
 */
final class ArtifactRejected extends ApiProblem {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final transient List<Check> checks;

  ArtifactRejected(String subject, List<Check> checks) {
    super(403, "policy-rejected", failed(checks).name() + ": " + failed(checks).message());
    this.subject = subject;
    this.checks = List.copyOf(checks);
  }

  /** The artifact as {@code REFERENCE@DIGEST}, or {@code local files}. */
  String subject() {
    return subject;
  }

  /** The name of the check that failed. */
  String check() {
    return failed(checks).name();
  }

  /** Why it failed. */
  String reason() {
    return failed(checks).message();
  }

  List<Check> checks() {
    return checks;
  }

  @Override
  void extend(ObjectNode problem) {
    problem.put("subject", subject);
    problem.put("check", check());
    problem.set("checks", Verification.checks(checks));
  }

  private static Check failed(List<Check> checks) {
    return checks.get(checks.size() - 1);
  }
}
