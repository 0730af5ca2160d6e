package dev.wasmlet.spin;

/** An SQLite statement failed; the guest gets {@code database-full} or {@code io(message)}. */
public final class SqliteFailed extends SpinException {
  private static final long serialVersionUID = 1L;
  private final boolean full;

  public SqliteFailed(String message, boolean full) {
    super(message, null);
    this.full = full;
  }

  /** Whether the database reached its size cap. */
  public boolean full() {
    return full;
  }
}
