package dev.wasmlet.component;

/** A binary that is not a well-formed module or component: names the construct and byte offset. */
public final class ComponentMalformed extends ComponentException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public ComponentMalformed(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  /** The byte offset in the file where the malformed construct starts. */
  public long offset() {
    return offset;
  }
}
