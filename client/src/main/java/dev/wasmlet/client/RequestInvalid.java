package dev.wasmlet.client;

/**
 * A request the client refuses to send as given: a bad app or variable name, a traffic split that
 * does not add up, an unknown strategy. Checked locally so the message can name the argument.
 */
public final class RequestInvalid extends ClientException {
  private static final long serialVersionUID = 1L;

  public RequestInvalid(String message) {
    super(message);
  }
}
