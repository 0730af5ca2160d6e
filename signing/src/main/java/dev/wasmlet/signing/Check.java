package dev.wasmlet.signing;

/** The outcome of one named verification step. */
public record Check(String name, boolean passed, String message) {
  public static Check pass(String name, String message) {
    return new Check(name, true, message);
  }

  public static Check fail(String name, String message) {
    return new Check(name, false, message);
  }

  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + name + ": " + message;
  }
}
