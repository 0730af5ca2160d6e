package dev.wasmlet.trust;

/**
 * A user name and password (or token) for a registry: sent as HTTP basic auth, or exchanged for a
 * bearer token when the registry asks for one.
 */
public record Credentials(String username, String password) {
  /** Names the user, never the password. */
  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
