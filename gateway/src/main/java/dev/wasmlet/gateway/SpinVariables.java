package dev.wasmlet.gateway;

import dev.wasmlet.app.RouteMatch;
import java.net.InetSocketAddress;
import java.util.HashMap;
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
}
