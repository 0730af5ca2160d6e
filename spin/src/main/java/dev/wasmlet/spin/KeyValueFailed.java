package dev.wasmlet.spin;

/**
 * A key-value operation failed in the store itself (a database error, a value over the read cap, an
 * increment of a value that is not an integer); the guest gets it as the {@code other} error.
 */
public final class KeyValueFailed extends SpinException {
  private static final long serialVersionUID = 1L;

  public KeyValueFailed(String message) {
    super(message, null);
  }
}
