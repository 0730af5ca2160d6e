package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.List;

/**
 * How the WAGI executor starts a component: the exported function to call and the command line it
 * sees. As in Spin and WAGI, the argv template is written as one string, split on whitespace;
 * {@code ${SCRIPT_NAME}} is the route's script name and {@code ${ARGS}} the query's arguments.
 *
 * @param entrypoint the exported function to call, {@code _start} by default
 * @param argv the argv template, one entry per word, e.g. {@code [${SCRIPT_NAME}, ${ARGS}]}
 */
public record WagiConfig(String entrypoint, List<String> argv) {
  public static final String SCRIPT_NAME = "${SCRIPT_NAME}";
  public static final String ARGS = "${ARGS}";
  public static final String DEFAULT_ENTRYPOINT = "_start";
  public static final String DEFAULT_ARGV = SCRIPT_NAME + " " + ARGS;

  public WagiConfig {
    argv = List.copyOf(argv);
  }

  /** Spin's defaults: {@code _start}, argv {@code "${SCRIPT_NAME} ${ARGS}"}. */
  public static WagiConfig defaults() {
    return of(DEFAULT_ENTRYPOINT, DEFAULT_ARGV);
  }

  /** A config from an argv template string as written in a manifest. */
  public static WagiConfig of(String entrypoint, String argvTemplate) {
    return new WagiConfig(entrypoint, List.of(argvTemplate.trim().split("\\s+")));
  }

  /**
   * The command line for one request. A word that is exactly {@code ${ARGS}} becomes one argument
   * per {@code &}-separated part of the raw query (none for an empty query, as in WAGI); inside a
   * longer word it becomes those parts joined by spaces.
   *
   * @param query the raw query string, without {@code ?}; {@code ""} when there is none
   */
  public List<String> argv(String scriptName, String query) {
    List<String> args = new ArrayList<>();
    for (String part : query.split("&", -1)) {
      if (!part.isEmpty()) {
        args.add(part);
      }
    }
    List<String> out = new ArrayList<>();
    for (String word : argv) {
      if (word.equals(ARGS)) {
        out.addAll(args);
      } else {
        out.add(word.replace(SCRIPT_NAME, scriptName).replace(ARGS, String.join(" ", args)));
      }
    }
    return List.copyOf(out);
  }
}
