package dev.wasmlet.client;

/** The app could not be packed for upload: its manifest is invalid or a file cannot be read. */
public final class PackFailed extends ClientException {
  private static final long serialVersionUID = 1L;

  public PackFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
