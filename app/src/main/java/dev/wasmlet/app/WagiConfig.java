package dev.wasmlet.app;

import java.util.List;

/**
 * How the WAGI executor starts a component: the exported function to call and the command line it
 * sees, as Spin's WAGI executor builds it ({@code crates/trigger-http/src/wagi.rs}): in the argv
 * template, {@code ${SCRIPT_NAME}} becomes the request's path and {@code ${ARGS}} its raw query
 * with every {@code &} turned into a space; the result is split on single spaces, empty words kept.
 *
 * @param entrypoint the exported function to call, {@code _start} by default
 * @param argv the argv template as written, {@code "${SCRIPT_NAME} ${ARGS}"} by default
 */
public record WagiConfig(String entrypoint, String argv) {
  public static final String SCRIPT_NAME = "${SCRIPT_NAME}";
  public static final String ARGS = "${ARGS}";
  public static final String DEFAULT_ENTRYPOINT = "_start";
  public static final String DEFAULT_ARGV = SCRIPT_NAME + " " + ARGS;

  /** Spin's defaults: {@code _start}, argv {@code "${SCRIPT_NAME} ${ARGS}"}. */
  public static WagiConfig defaults() {
    return of(DEFAULT_ENTRYPOINT, DEFAULT_ARGV);
  }

  /** A config from an argv template string as written in a manifest. */
  public static WagiConfig of(String entrypoint, String argvTemplate) {
    return new WagiConfig(entrypoint, argvTemplate);
  }

  /**
   * The command line for one request, exactly as Spin builds it: {@code GET /a?x=1&y} gives {@code
   * ["/a", "x=1", "y"]} and {@code GET /a} gives {@code ["/a", ""]} under the default template.
   * Nothing is percent-decoded.
   *
   * @param requestPath the request's raw path, without the query
   * @param query the raw query string, without {@code ?}; {@code ""} when there is none
   */
  public List<String> argv(String requestPath, String query) {
    String line = argv.replace(SCRIPT_NAME, requestPath).replace(ARGS, query.replace('&', ' '));
    return List.of(line.split(" ", -1));
  }
}
