package dev.wasmlet.client;

/** No answer from the server: nothing listens at its address, or it did not answer in time. */
public final class ServerUnreachable extends ClientException {
  private static final long serialVersionUID = 1L;

  public ServerUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
