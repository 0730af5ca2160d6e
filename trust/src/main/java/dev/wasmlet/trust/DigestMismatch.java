package dev.wasmlet.trust;

/**
 * Bytes did not hash to the digest they were named by: a blob in the local store was changed, or a
 * registry sent other bytes than it promised. Never recovered from by fetching again and using it.
 */
public final class DigestMismatch extends TrustException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public DigestMismatch(String blob, String expected, String actual, String fix) {
    super(blob + " should have digest " + expected + " but has " + actual + "; " + fix, null);
    this.expected = expected;
    this.actual = actual;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
