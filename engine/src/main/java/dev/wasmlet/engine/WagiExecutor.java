package dev.wasmlet.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a component as a WAGI handler (CGI over WASI preview 1, as in the WAGI spec and Spin's
 * {@code executor = { type = "wagi" }}): request metadata in environment variables, the body on
 * stdin, the CGI response on stdout, stderr to the app log.
 */
public final class WagiExecutor {
  /** Hop-by-hop and credential headers a CGI script does not get (RFC 3875 section 4.1.18). */
  private static final Set<String> WITHHELD =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "authorization");

  /**
   * Runs the component for one request; see {@link Component#run} for the failures.
   *
   * @throws GuestFailed of kind {@code EXIT} when the guest exits with a non-zero status: as in
   *     Spin, its output is then not a response, however complete it looks
   */
  public WagiResponse handle(Component component, WagiRequest request, OutputStream stderr) {
    Map<String, String> env = environment(request);
    GuestOutput out = component.run(request.argv(), env, request.body(), stderr);
    if (out.exitCode() != 0) {
      throw new GuestFailed(
          GuestFailed.Kind.EXIT,
          "component \""
              + component.id()
              + "\" exited with status "
              + out.exitCode()
              + " after writing "
              + out.stdout().length
              + " bytes to stdout; only exit status 0 is a response");
    }
    return CgiResponse.parse(component.id(), out.stdout());
  }

  /** The CGI environment for a request: request variables win over granted variables. */
  static Map<String, String> environment(WagiRequest r) {
    Map<String, String> env = new HashMap<>(48);
    env.putAll(r.variables());
    String pathInfo = decodePath(r.rawPathInfo());
    String hostPort = r.host() + ":" + r.port();
    env.put("REQUEST_METHOD", r.method());
    env.put("SCRIPT_NAME", r.scriptName());
    env.put("PATH_INFO", pathInfo);
    env.put("PATH_TRANSLATED", pathInfo);
    env.put("X_RAW_PATH_INFO", r.rawPathInfo());
    env.put("QUERY_STRING", r.query());
    env.put("X_MATCHED_ROUTE", r.matchedRoute());
    env.put(
        "X_FULL_URL",
        r.scheme() + "://" + hostPort + r.rawPath() + (r.query().isEmpty() ? "" : "?" + r.query()));
    env.put("SERVER_NAME", r.host());
    env.put("SERVER_PORT", Integer.toString(r.port()));
    env.put("SERVER_PROTOCOL", r.protocol());
    env.put("SERVER_SOFTWARE", "WAGI/1");
    env.put("GATEWAY_INTERFACE", "CGI/1.1");
    env.put("REMOTE_ADDR", r.remoteAddr());
    env.put("REMOTE_HOST", r.remoteAddr());
    env.put("REMOTE_USER", "");
    env.put("AUTH_TYPE", "");
    env.put("CONTENT_LENGTH", Integer.toString(r.body().length));
    env.put("CONTENT_TYPE", "");
    for (Map.Entry<String, String> h : r.headers()) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      if (WITHHELD.contains(lower)) {
        continue;
      }
      if (lower.equals("content-type")) {
        env.put("CONTENT_TYPE", h.getValue());
      }
      String name = "HTTP_" + h.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
      env.merge(name, h.getValue(), (a, b) -> a + "," + b);
    }
    return env;
  }

  /** Percent-decodes a path ('+' stays '+'); malformed escapes are kept as written. */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int hi;
      int lo;
      if (bytes[i] == '%'
          && i + 2 < bytes.length
          && (hi = Character.digit(bytes[i + 1], 16)) >= 0
          && (lo = Character.digit(bytes[i + 2], 16)) >= 0) {
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
