package dev.wasmlet.app;

/**
 * Which executor runs a route: chosen by the trigger's {@code executor} and the binary's header
 * layer. No executor runs a core module through WAGI (in {@code wasmlet.toml}) and a component
 * through {@code wasi:http}, as Spin's default executor does; {@code type = "wagi"} needs a core
 * module and {@code type = "spin"} a component.
 */
public enum Executor {
  /** CGI over WASI preview 1, a core module. */
  WAGI,
  /** The component model's {@code wasi:http/incoming-handler}, a component. */
  WASI_HTTP
}
