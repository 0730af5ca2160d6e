package dev.wasmlet.component;

/**
 * A guest trapped: it broke a rule of the canonical ABI (a pointer out of bounds or misaligned, an
 * invalid discriminant, char or string), as the component model requires, or a core instruction
 * trapped (unreachable, an out-of-bounds access, an interrupted guest), instead of a host exception
 * leaking out.
 */
public final class ComponentTrap extends ComponentException {
  private static final long serialVersionUID = 1L;

  public ComponentTrap(String message) {
    super(message);
  }

  public ComponentTrap(String message, Throwable cause) {
    super(message, cause);
  }
}
