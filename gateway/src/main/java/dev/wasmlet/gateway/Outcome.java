package dev.wasmlet.gateway;

/** How a request ended, as counted by metrics. */
public enum Outcome {
  /** The guest answered (whatever its status). */
  ANSWERED,
  TRAP,
  TIMEOUT,
  MEMORY,
  RESPONSE_TOO_LARGE,
  MALFORMED_RESPONSE,
  /** The guest exited with a non-zero status. */
  EXIT,
  HOST,
  /** Refused for lack of capacity (503 with Retry-After). */
  ADMISSION,
  /** Refused before a guest ran: not found, too large, too slow, draining. */
  REJECTED,
  /** A failure of the server itself. */
  INTERNAL;

  /** The label value used in metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
