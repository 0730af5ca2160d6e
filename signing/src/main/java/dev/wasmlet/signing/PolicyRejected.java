package dev.wasmlet.signing;

/** An artifact failed a policy check; the message is {@code <check>: <why>}. */
public final class PolicyRejected extends SigningException {
  private static final long serialVersionUID = 1L;
  private final transient Verdict verdict;

  public PolicyRejected(Verdict verdict) {
    super(failed(verdict).name() + ": " + failed(verdict).message());
    this.verdict = verdict;
  }

  /** Every check that ran, the failed one last. */
  public Verdict verdict() {
    return verdict;
  }

  /** The name of the check that failed. */
  public String check() {
    return failed(verdict).name();
  }

  private static Check failed(Verdict v) {
    return v.checks().get(v.checks().size() - 1);
  }
}
