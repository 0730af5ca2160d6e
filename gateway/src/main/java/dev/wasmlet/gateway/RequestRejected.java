package dev.wasmlet.gateway;

/**
 * A request the gateway refuses before any guest runs (too large, too slow, draining). The status
 * and the client message are safe to send as they are.
 */
final class RequestRejected extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean admission;

  RequestRejected(int status, String clientMessage) {
    this(status, clientMessage, false);
  }

  /**
   * @param admission whether it was refused for lack of capacity (counted as an admission error)
   */
  RequestRejected(int status, String clientMessage, boolean admission) {
    super(clientMessage);
    this.status = status;
    this.admission = admission;
  }

  boolean admission() {
    return admission;
  }

  int status() {
    return status;
  }
}
