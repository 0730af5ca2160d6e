package dev.wasmlet.client;

/** The server answered with something this client cannot read (a different API or version). */
public final class AnswerUnreadable extends ClientException {
  private static final long serialVersionUID = 1L;

  public AnswerUnreadable(String message, Throwable cause) {
    super(message, cause);
  }
}
