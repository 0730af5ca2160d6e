package dev.wasmlet.client;

/** The client's configuration is wrong: the contexts file, a context, a token file, a flag. */
public final class ConfigInvalid extends ClientException {
  private static final long serialVersionUID = 1L;

  public ConfigInvalid(String message) {
    super(message);
  }

  public ConfigInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
