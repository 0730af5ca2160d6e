package dev.wasmlet.component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The host's {@code wasi:io/error}, {@code wasi:io/streams} and {@code wasi:io/poll} @0.2. */
public final class WasiIo {
  private WasiIo() {}

  static final String VERSION = "@0.2.12";

  /** Defines the three interfaces in {@code linker}. */
  public static void define(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:io/error" + VERSION)
            .func("[method]error.to-debug-string", (s, a) -> ((WasiError) a[0]).message())
            .build());
    linker.define(
        HostInterface.builder("wasi:io/poll" + VERSION)
            .func("[method]pollable.ready", (s, a) -> ((WasiPollable) a[0]).ready())
            .func(
                "[method]pollable.block",
                (s, a) -> {
                  ((WasiPollable) a[0]).block();
                  return null;
                })
            .func("poll", (s, a) -> poll((List<?>) a[0]))
            .build());
    linker.define(streams());
  }

  private static Object poll(List<?> pollables) {
    if (pollables.isEmpty()) {
      throw new ComponentTrap("wasi:io/poll.poll called with no pollables");
    }
    List<Object> ready = new ArrayList<>();
    while (ready.isEmpty()) {
      for (int i = 0; i < pollables.size(); i++) {
        if (((WasiPollable) pollables.get(i)).ready()) {
          ready.add((long) i);
        }
      }
      if (ready.isEmpty()) {
        ((WasiPollable) pollables.get(0)).block();
      }
    }
    return ready;
  }

  private static HostInterface streams() {
    return HostInterface.builder("wasi:io/streams" + VERSION)
        .func("[method]input-stream.read", (s, a) -> read(a))
        .func("[method]input-stream.blocking-read", (s, a) -> read(a))
        .func("[method]input-stream.skip", (s, a) -> skip(a))
        .func("[method]input-stream.blocking-skip", (s, a) -> skip(a))
        .func("[method]input-stream.subscribe", (s, a) -> WasiPollable.alwaysReady())
        .func("[method]output-stream.check-write", (s, a) -> checkWrite(out(a)))
        .func("[method]output-stream.write", (s, a) -> write(out(a), (byte[]) a[1], false))
        .func(
            "[method]output-stream.blocking-write-and-flush",
            (s, a) -> write(out(a), (byte[]) a[1], true))
        .func("[method]output-stream.flush", (s, a) -> flush(out(a)))
        .func("[method]output-stream.blocking-flush", (s, a) -> flush(out(a)))
        .func("[method]output-stream.subscribe", (s, a) -> WasiPollable.alwaysReady())
        .func(
            "[method]output-stream.write-zeroes",
            (s, a) -> write(out(a), zeroes((Long) a[1]), false))
        .func(
            "[method]output-stream.blocking-write-zeroes-and-flush",
            (s, a) -> write(out(a), zeroes((Long) a[1]), true))
        .func("[method]output-stream.splice", (s, a) -> splice(a))
        .func("[method]output-stream.blocking-splice", (s, a) -> splice(a))
        .build();
  }

  private static WasiOutputStream out(Object[] a) {
    return (WasiOutputStream) a[0];
  }

  /** {@code stream-error.closed}. */
  static WitVariant closed() {
    return WitVariant.err(new WitVariant(1, null));
  }

  /** {@code stream-error.last-operation-failed(error)}. */
  static WitVariant failed(String message) {
    return WitVariant.err(new WitVariant(0, new WasiError(message)));
  }

  private static Object read(Object[] a) {
    try {
      byte[] got = ((WasiInputStream) a[0]).read((Long) a[1]);
      return got == null ? closed() : WitVariant.ok(got);
    } catch (IOException e) {
      return failed("reading failed: " + e.getMessage());
    }
  }

  private static Object skip(Object[] a) {
    try {
      byte[] got = ((WasiInputStream) a[0]).read((Long) a[1]);
      return got == null ? closed() : WitVariant.ok((long) got.length);
    } catch (IOException e) {
      return failed("reading failed: " + e.getMessage());
    }
  }

  private static Object checkWrite(WasiOutputStream out) {
    return out.closed() ? closed() : WitVariant.ok(out.checkWrite());
  }

  private static Object write(WasiOutputStream out, byte[] bytes, boolean flush) {
    if (out.closed()) {
      return closed();
    }
    try {
      out.write(bytes);
      if (flush) {
        out.flush();
      }
      return WitVariant.ok(null);
    } catch (IOException e) {
      return failed(e.getMessage() == null ? "write failed" : e.getMessage());
    }
  }

  private static Object flush(WasiOutputStream out) {
    if (out.closed()) {
      return closed();
    }
    try {
      out.flush();
      return WitVariant.ok(null);
    } catch (IOException e) {
      return failed("flush failed: " + e.getMessage());
    }
  }

  private static byte[] zeroes(long n) {
    if (n < 0 || n > WasiOutputStream.WRITE_PERMIT) {
      throw new ComponentTrap("write-zeroes of " + n + " bytes is more than check-write permits");
    }
    return new byte[(int) n];
  }

  private static Object splice(Object[] a) {
    WasiOutputStream out = out(a);
    try {
      byte[] got =
          ((WasiInputStream) a[1]).read(Math.min((Long) a[2], WasiOutputStream.WRITE_PERMIT));
      if (got == null) {
        return closed();
      }
      Object w = write(out, got, false);
      return ((WitVariant) w).caseIndex() == 0 ? WitVariant.ok((long) got.length) : w;
    } catch (IOException e) {
      return failed("reading failed: " + e.getMessage());
    }
  }
}
