package dev.wasmlet.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The WASI 0.2 host besides io and http: {@code wasi:cli}, {@code wasi:clocks} (the unstable
 * timezone answers UTC), {@code wasi:random} (here), a read-only {@code wasi:filesystem} ({@link
 * WasiFilesystem}) and {@code wasi:sockets} that refuses every socket ({@link WasiSockets}). Each
 * reads the request's {@link WasiContext} from the store.
 */
public final class WasiHost {
  private WasiHost() {}

  static final String VERSION = "@0.2.12";

  /** The most random bytes one call may ask for. */
  static final long MAX_RANDOM = 1 << 20;

  /** Defines cli, clocks, random, filesystem and sockets in {@code linker}. */
  public static void define(Linker linker) {
    cli(linker);
    clocks(linker);
    random(linker);
    WasiFilesystem.define(linker);
    WasiSockets.define(linker);
  }

  static WasiContext context(Store s) {
    return s.get(WasiContext.class);
  }

  private static void cli(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:cli/environment" + VERSION)
            .func("get-environment", (s, a) -> environment(context(s)))
            .func("get-arguments", (s, a) -> new ArrayList<Object>(context(s).arguments()))
            .func("initial-cwd", (s, a) -> Optional.empty())
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/exit" + VERSION)
            .func(
                "exit",
                (s, a) -> {
                  throw new GuestExit(((WitVariant) a[0]).caseIndex() == 0 ? 0 : 1);
                })
            .func(
                "exit-with-code",
                (s, a) -> {
                  throw new GuestExit((Integer) a[0]);
                })
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/stdin" + VERSION)
            .func("get-stdin", (s, a) -> new WasiInputStream(context(s).stdin()))
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/stdout" + VERSION)
            .func(
                "get-stdout",
                (s, a) ->
                    new WasiOutputStream(context(s).stdout(), WasiContext.MAX_OUTPUT, "stdout"))
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/stderr" + VERSION)
            .func(
                "get-stderr",
                (s, a) ->
                    new WasiOutputStream(context(s).stderr(), WasiContext.MAX_OUTPUT, "stderr"))
            .build());
    // the terminal resources have no methods, and no guest here is given one
    linker.define(HostInterface.builder("wasi:cli/terminal-input" + VERSION).build());
    linker.define(HostInterface.builder("wasi:cli/terminal-output" + VERSION).build());
    for (String t : List.of("stdin", "stdout", "stderr")) {
      linker.define(
          HostInterface.builder("wasi:cli/terminal-" + t + VERSION)
              .func("get-terminal-" + t, (s, a) -> Optional.empty())
              .build());
    }
  }

  private static List<Object> environment(WasiContext context) {
    List<Object> out = new ArrayList<>();
    for (Map.Entry<String, String> e : context.environment()) {
      out.add(List.of(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static void clocks(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:clocks/monotonic-clock" + VERSION)
            .func("now", (s, a) -> context(s).monotonicNanos())
            .func("resolution", (s, a) -> 1L)
            .func("subscribe-instant", (s, a) -> until(context(s), (Long) a[0]))
            .func(
                "subscribe-duration",
                (s, a) -> {
                  WasiContext c = context(s);
                  long now = c.monotonicNanos();
                  long when = (Long) a[0];
                  // unsigned and saturating: a duration past the clock's range never elapses
                  long deadline = Long.compareUnsigned(when, -1L - now) > 0 ? -1L : now + when;
                  return until(c, deadline);
                })
            .build());
    linker.define(
        HostInterface.builder("wasi:clocks/wall-clock" + VERSION)
            .func("now", (s, a) -> datetime(context(s).wallClock().instant()))
            .func("resolution", (s, a) -> List.of(0L, 1000L))
            .build());
    // unstable in 0.2; every guest here lives in UTC
    linker.define(
        HostInterface.builder("wasi:clocks/timezone" + VERSION)
            .func("display", (s, a) -> List.of(0, "UTC", false))
            .func("utc-offset", (s, a) -> 0)
            .build());
  }

  /** A wall-clock {@code datetime} record: seconds (u64) and nanoseconds (u32). */
  static List<Object> datetime(Instant t) {
    return List.of(t.getEpochSecond(), (long) t.getNano());
  }

  /** A pollable ready at the monotonic instant {@code deadline}; blocking sleeps until then. */
  private static WasiPollable until(WasiContext c, long deadline) {
    return new WasiPollable(
        () -> Long.compareUnsigned(c.monotonicNanos(), deadline) >= 0,
        () -> {
          long now;
          while (Long.compareUnsigned(now = c.monotonicNanos(), deadline) < 0) {
            long left = deadline - now;
            LockSupport.parkNanos(left < 0 ? TimeUnit.DAYS.toNanos(1) : left);
            if (Thread.currentThread().isInterrupted()) {
              throw new ComponentTrap("interrupted while waiting for a monotonic-clock pollable");
            }
          }
        });
  }

  private static void random(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:random/random" + VERSION)
            .func("get-random-bytes", (s, a) -> bytes(context(s), (Long) a[0], true))
            .func("get-random-u64", (s, a) -> context(s).random().nextLong())
            .build());
    linker.define(
        HostInterface.builder("wasi:random/insecure" + VERSION)
            .func("get-insecure-random-bytes", (s, a) -> bytes(context(s), (Long) a[0], false))
            .func("get-insecure-random-u64", (s, a) -> context(s).insecureRandom().nextLong())
            .build());
    linker.define(
        HostInterface.builder("wasi:random/insecure-seed" + VERSION)
            .func(
                "insecure-seed",
                (s, a) -> List.of(context(s).random().nextLong(), context(s).random().nextLong()))
            .build());
  }

  private static byte[] bytes(WasiContext c, long n, boolean secure) {
    if (n < 0 || n > MAX_RANDOM) {
      throw new ComponentTrap(
          "the guest asked for "
              + Long.toUnsignedString(n)
              + " random bytes in one call; at most "
              + MAX_RANDOM
              + " are allowed");
    }
    byte[] out = new byte[(int) n];
    (secure ? c.random() : c.insecureRandom()).nextBytes(out);
    return out;
  }
}
