package dev.wasmlet.spin;

import dev.wasmlet.component.ComponentHost;
import dev.wasmlet.component.Linker;

/**
 * The host for Spin SDK apps: every WASI 0.2 interface of {@link ComponentHost} plus Spin's
 * platform interfaces (variables, key-value, SQLite, and the ones linked with Spin's errors). A
 * request's {@code Store} needs a {@link SpinContext} attached.
 */
public final class SpinHost {
  private static final Linker LINKER = build();

  private SpinHost() {}

  private static Linker build() {
    Linker linker = ComponentHost.newLinker();
    SpinVariables.define(linker);
    SpinKeyValue.define(linker);
    SpinSqlite.define(linker);
    SpinUnserved.define(linker);
    return linker;
  }

  /** The shared linker (per-request state lives in the store's {@link SpinContext}). */
  public static Linker linker() {
    return LINKER;
  }
}
