package dev.wasmlet.gateway;

/**
 * A request the gateway refuses before any guest runs (too large, too slow, draining). The status
 * and the client message are safe to send as they are.
 */
final class RequestRejected extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final int status;

  RequestRejected(int status, String clientMessage) {
    super(clientMessage);
    this.status = status;
  }

  int status() {
    return status;
  }
}
