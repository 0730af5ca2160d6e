package dev.wasmlet.component;

/**
 * A self request refused because the chain of self requests it would extend is already as deep as
 * the server allows (a guest calling itself without end); the calling guest sees wasi:http's {@code
 * loop-detected}.
 */
public final class SelfLoopDetected extends ComponentException {
  private static final long serialVersionUID = 1L;

  public SelfLoopDetected(String message) {
    super(message);
  }
}
