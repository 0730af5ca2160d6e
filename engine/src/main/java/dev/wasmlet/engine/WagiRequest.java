package dev.wasmlet.engine;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the WAGI executor needs it. The gateway fills it from the wire and the route
 * match; the executor turns it into a CGI environment.
 *
 * @param method the HTTP method
 * @param rawPath the request path as sent, still percent-encoded, without the query
 * @param query the raw query string, without the '?'; empty when none
 * @param matchedRoute the route as written in the manifest, e.g. {@code /api/...}
 * @param scriptName the route without its {@code /...}, e.g. {@code /api}; {@code ""} for {@code
 *     /...} (as Spin sets it)
 * @param rawPathInfo what follows the script name in the raw path, still encoded
 * @param headers request headers in arrival order (names as sent)
 * @param body the request body, already bounded by the component's limit
 * @param remoteAddr the client's address
 * @param host the Host header's name part (SERVER_NAME)
 * @param port the port the request arrived on
 * @param scheme {@code http} or {@code https}
 * @param protocol e.g. {@code HTTP/1.1}
 * @param argv the guest's argv
 * @param variables extra variables: what the component is granted (config and secrets) and the
 *     route's Spin variables ({@code X_PATH_MATCH_*}, {@code X_COMPONENT_ROUTE}...); the CGI
 *     variables win over them
 */
// Bodies are passed, not copied, on the request path: callers must not mutate them.
@SuppressWarnings("ArrayRecordComponent")
public record WagiRequest(
    String method,
    String rawPath,
    String query,
    String matchedRoute,
    String scriptName,
    String rawPathInfo,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String remoteAddr,
    String host,
    int port,
    String scheme,
    String protocol,
    List<String> argv,
    Map<String, String> variables) {}
