package dev.wasmlet.component;

/**
 * A guest broke a rule of the canonical ABI (a pointer out of bounds or misaligned, an invalid
 * discriminant, char or string): the call traps, as the component model requires, instead of a host
 * exception leaking out.
 */
public final class ComponentTrap extends ComponentException {
  private static final long serialVersionUID = 1L;

  public ComponentTrap(String message) {
    super(message);
  }
}
