package dev.wasmlet.engine;

/**
 * A request's guest did not produce a usable response. The {@link Kind} says why; the message is
 * for the operator's log (it may hold trap details) and never for the HTTP client.
 */
public final class GuestFailed extends EngineException {
  private static final long serialVersionUID = 1L;

  /** Why a guest run failed; the gateway maps each to one HTTP status. */
  public enum Kind {
    /** The guest executed an unreachable, divided by zero, overflowed its stack... */
    TRAP,
    /** The guest ran past its wall-clock timeout and was stopped. */
    TIMEOUT,
    /** The guest tried to grow its linear memory past the component's limit. */
    MEMORY,
    /** The guest wrote more than the component's maximum response size. */
    RESPONSE_TOO_LARGE,
    /** The guest's stdout is not a CGI response (no header block, no Content-Type...). */
    MALFORMED_RESPONSE,
    /**
     * The guest exited with a non-zero status. As in Spin, only exit status 0 (or returning from
     * the entry point) is success, whatever the guest wrote before exiting.
     */
    EXIT,
    /** The host failed while running the guest (a bug of ours, or an I/O error). */
    HOST
  }

  private final Kind kind;

  public GuestFailed(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public GuestFailed(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
