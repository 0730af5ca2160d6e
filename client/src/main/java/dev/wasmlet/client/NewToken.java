package dev.wasmlet.client;

/** A token just created: the only time the server shows {@code token}. */
public record NewToken(String id, String name, String token) {
  /** Names the token without its value. */
  @Override
  public String toString() {
    return "NewToken[id=" + id + ", name=" + name + "]";
  }
}
