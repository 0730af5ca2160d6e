package dev.wasmlet.gateway;

/** Root of the failures the gateway reports while starting or serving. */
public class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GatewayException(String message) {
    super(message);
  }

  public GatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}
