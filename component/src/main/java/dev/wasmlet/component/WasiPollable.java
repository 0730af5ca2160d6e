package dev.wasmlet.component;

import java.util.function.BooleanSupplier;

/**
 * A {@code wasi:io/poll} pollable. Wasmlet's streams block in place (a read waits for the client, a
 * write for the socket), so most pollables are ready at once; a clock pollable waits for its
 * deadline.
 */
public final class WasiPollable {
  private final BooleanSupplier ready;
  private final Runnable block;

  public WasiPollable(BooleanSupplier ready, Runnable block) {
    this.ready = ready;
    this.block = block;
  }

  public static WasiPollable alwaysReady() {
    return new WasiPollable(() -> true, () -> {});
  }

  boolean ready() {
    return ready.getAsBoolean();
  }

  void block() {
    block.run();
  }
}
