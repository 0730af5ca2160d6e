package dev.wasmlet.gateway;

import dev.wasmlet.app.RouteMatch;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables Spin's WAGI executor sets beside the CGI ones ({@code
 * crates/trigger-http/src/headers.rs}): the route's parameters as {@code X_PATH_MATCH_<NAME>}, the
 * route as written ({@code X_RAW_COMPONENT_ROUTE}) and without its {@code /...} ({@code
 * X_COMPONENT_ROUTE}), the base path ({@code X_BASE_PATH}) and the client's address with its port
 * ({@code X_CLIENT_ADDR}).
 */
final class SpinVariables {
  private SpinVariables() {}

  static Map<String, String> of(RouteMatch match, String base, InetSocketAddress client) {
    Map<String, String> vars = new HashMap<>(8);
    vars.put("X_BASE_PATH", base.isEmpty() ? "/" : base);
    vars.put("X_RAW_COMPONENT_ROUTE", match.route().route());
    vars.put("X_COMPONENT_ROUTE", match.route().pattern().prefix());
    String ip =
        client.getAddress() == null ? client.getHostString() : client.getAddress().getHostAddress();
    vars.put("X_CLIENT_ADDR", (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + client.getPort());
    match
        .parameters()
        .forEach((name, value) -> vars.put("X_PATH_MATCH_" + name.toUpperCase(Locale.ROOT), value));
    return vars;
  }

  /**
   * Adds the headers Spin's HTTP trigger gives a component to {@code headers}: these variables as
   * {@code spin-*} (e.g. {@code spin-path-match-id}), {@code spin-path-info}, {@code
   * spin-matched-route} and {@code spin-full-url}.
   */
  static void addHeaders(
      List<Map.Entry<String, byte[]>> headers,
      RouteMatch match,
      String base,
      InetSocketAddress client,
      String fullUrl) {
    of(match, base, client)
        .forEach(
            (k, v) ->
                add(
                    headers,
                    "spin-" + k.substring(2).toLowerCase(Locale.ROOT).replace('_', '-'),
                    v));
    add(headers, "spin-path-info", match.pathInfo());
    add(headers, "spin-matched-route", match.route().route());
    add(headers, "spin-full-url", fullUrl);
  }

  private static void add(List<Map.Entry<String, byte[]>> headers, String name, String value) {
    headers.add(Map.entry(name, value.getBytes(StandardCharsets.UTF_8)));
  }
}
