package dev.wasmlet.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named server and how to authenticate to it, as kept in the contexts file.
 *
 * @param server the admin API's base URL, e.g. {@code http://127.0.0.1:7070}
 * @param token the bearer token itself, when kept in the file
 * @param tokenFile a file holding the token, read on each use (absolute)
 */
public record Context(String server, Optional<String> token, Optional<Path> tokenFile) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public Context {
    server = server(server);
    if (token.isPresent() && tokenFile.isPresent()) {
      throw new ConfigInvalid("give a context a token or a token file, not both");
    }
  }

  /**
   * A server address as a base URL: {@code http(s)://host[:port]}, without a trailing '/'; {@code
   * host:port} alone means {@code http://host:port}.
   *
   * @throws ConfigInvalid naming the address and the expected form
   */
  public static String server(String address) {
    String a = address.strip();
    if (!a.contains("://")) {
      a = "http://" + a;
    }
    while (a.endsWith("/")) {
      a = a.substring(0, a.length() - 1);
    }
    try {
      URI u = new URI(a);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null
          || (u.getRawPath() != null && !u.getRawPath().isEmpty())
          || u.getRawQuery() != null
          || u.getRawUserInfo() != null) {
        throw new URISyntaxException(a, "not a base URL");
      }
      return a;
    } catch (URISyntaxException e) {
      throw new ConfigInvalid(
          "server \""
              + address
              + "\" is not an admin API address; use http://HOST:PORT, e.g. http://127.0.0.1:7070");
    }
  }

  /**
   * Checks a context name: letters, digits, '.', '_' and '-', starting with a letter or digit.
   *
   * @throws ConfigInvalid naming it
   */
  public static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigInvalid(
          "context name \""
              + name
              + "\" must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return name;
  }

  /** Names the token file but never shows the token. */
  @Override
  public String toString() {
    return "Context[server="
        + server
        + ", token="
        + (token.isPresent() ? "(set)" : "(none)")
        + ", tokenFile="
        + tokenFile.map(Path::toString).orElse("(none)")
        + "]";
  }
}
