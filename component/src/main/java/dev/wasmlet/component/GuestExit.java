package dev.wasmlet.component;

/** The guest called {@code wasi:cli/exit}: its call ends here with the status it gave. */
public final class GuestExit extends ComponentException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public GuestExit(int status) {
    super("the guest exited with status " + status);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
