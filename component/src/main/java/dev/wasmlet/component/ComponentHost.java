package dev.wasmlet.component;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host every {@code wasi:http} component gets: the WASI 0.2 interfaces of the {@code
 * wasi:http/proxy} world and the rest of WASI 0.2 that toolchains import (io, http, cli, clocks,
 * random, a read-only filesystem over the component's mounts, sockets that refuse everything).
 */
public final class ComponentHost {
  private static final Linker LINKER = build();

  private ComponentHost() {}

  /** A new linker with the WASI 0.2 host, for a host that adds its own interfaces (Spin's). */
  public static Linker newLinker() {
    return build();
  }

  private static Linker build() {
    Linker linker = new Linker();
    WasiIo.define(linker);
    WasiHttp.define(linker);
    WasiHost.define(linker);
    return linker;
  }

  /** The shared linker (host interfaces hold no per-request state). */
  public static Linker linker() {
    return LINKER;
  }

  /**
   * A store for one request.
   *
   * @param environment the guest's environment variables, in order
   * @param mounts guest directory to host directory, each preopened read-only
   * @param stdout where the guest's stdout goes (bounded here and by the caller)
   * @param stderr where the guest's stderr goes (bounded here and by the caller)
   */
  public static Store newStore(
      List<Map.Entry<String, String>> environment,
      Map<String, Path> mounts,
      OutputStream stdout,
      OutputStream stderr) {
    WasiContext.Builder b =
        WasiContext.builder().withEnvironment(environment).withStdout(stdout).withStderr(stderr);
    mounts.forEach(b::withPreopen);
    return new Store().attach(WasiContext.class, b.build());
  }
}
