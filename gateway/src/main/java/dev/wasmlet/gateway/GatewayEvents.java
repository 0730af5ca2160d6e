package dev.wasmlet.gateway;

/**
 * What the gateway reports as it serves, for metrics and per-app logs. Called on the request path:
 * implementations must be quick and must not throw.
 */
public interface GatewayEvents {
  /** Reports nothing. */
  GatewayEvents NONE = new GatewayEvents() {};

  /** A request ended (answered or failed); {@code revision} is -1 when none was picked. */
  default void requestDone(String app, int revision, int status, long nanos, Outcome outcome) {}

  /** A line a guest wrote to stderr. */
  default void guestLine(String app, int revision, String requestId, String line) {}

  /** A guest instance was started for a request. */
  default void instanceStarted(String app, int revision) {}
}
