package dev.wasmlet.client;

import java.nio.file.Path;

/**
 * Where a local {@code wasmlet server} keeps its state by default; the server and the client share
 * this one definition, so that the client finds the local server's {@code admin.token}.
 */
public final class DataDirs {
  /** The admin token file in a data directory. */
  public static final String TOKEN_FILE = "admin.token";

  private DataDirs() {}

  /** {@code $WASMLET_DATA}, else {@code $XDG_DATA_HOME/wasmlet}, else ~/.local/share/wasmlet. */
  public static Path defaultDataDir() {
    return defaultDataDir(HostEnvironment.system());
  }

  /** The same, for the given environment. */
  public static Path defaultDataDir(HostEnvironment env) {
    return env.variable("WASMLET_DATA")
        .map(Path::of)
        .or(() -> env.variable("XDG_DATA_HOME").map(x -> Path.of(x, "wasmlet")))
        .orElseGet(() -> env.home().resolve(".local/share/wasmlet"));
  }
}
