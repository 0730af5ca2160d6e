package dev.wasmlet.component;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The rest of WASI 0.2 that toolchains import besides io and http: {@code wasi:cli}, {@code
 * wasi:clocks}, {@code wasi:random}, {@code wasi:filesystem} with no preopened directories (a
 * component gets no file access yet), and {@code wasi:sockets}, where every socket, lookup and bind
 * is refused with {@code access-denied}. Functions on resources that cannot exist here (a
 * descriptor, a socket) are linked, so components load, and trap if reached.
 */
public final class WasiSystem {
  private WasiSystem() {}

  static final String VERSION = "@0.2.12";

  /** The most random bytes one call may ask for. */
  static final long MAX_RANDOM = 1 << 20;

  /** sockets {@code error-code.access-denied}. */
  static final int ACCESS_DENIED = 1;

  private static final SecureRandom SECURE = new SecureRandom();

  public static void define(Linker linker) {
    cli(linker);
    clocks(linker);
    random(linker);
    filesystem(linker);
    sockets(linker);
  }

  private static GuestEnvironment env(Store s) {
    return s.get(GuestEnvironment.class);
  }

  private static void cli(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:cli/environment" + VERSION)
            .func(
                "get-environment",
                (s, a) -> {
                  List<Object> out = new ArrayList<>();
                  for (Map.Entry<String, String> e : env(s).environment()) {
                    out.add(List.of(e.getKey(), e.getValue()));
                  }
                  return out;
                })
            .func("get-arguments", (s, a) -> new ArrayList<Object>(env(s).arguments()))
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
            .func("get-stdin", (s, a) -> new WasiInputStream(env(s).stdin()))
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/stdout" + VERSION)
            .func(
                "get-stdout",
                (s, a) ->
                    new WasiOutputStream(env(s).stdout(), GuestEnvironment.MAX_OUTPUT, "stdout"))
            .build());
    linker.define(
        HostInterface.builder("wasi:cli/stderr" + VERSION)
            .func(
                "get-stderr",
                (s, a) ->
                    new WasiOutputStream(env(s).stderr(), GuestEnvironment.MAX_OUTPUT, "stderr"))
            .build());
    linker.define(HostInterface.builder("wasi:cli/terminal-input" + VERSION).build());
    linker.define(HostInterface.builder("wasi:cli/terminal-output" + VERSION).build());
    for (String t : List.of("stdin", "stdout", "stderr")) {
      linker.define(
          HostInterface.builder("wasi:cli/terminal-" + t + VERSION)
              .func("get-terminal-" + t, (s, a) -> Optional.empty())
              .build());
    }
  }

  private static void clocks(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:clocks/monotonic-clock" + VERSION)
            .func("now", (s, a) -> System.nanoTime())
            .func("resolution", (s, a) -> 1L)
            .func("subscribe-instant", (s, a) -> until((Long) a[0]))
            .func(
                "subscribe-duration", (s, a) -> until(System.nanoTime() + Math.max(0, (Long) a[0])))
            .build());
    linker.define(
        HostInterface.builder("wasi:clocks/wall-clock" + VERSION)
            .func(
                "now",
                (s, a) -> {
                  java.time.Instant now = java.time.Instant.now();
                  return List.of(now.getEpochSecond(), (long) now.getNano());
                })
            .func("resolution", (s, a) -> List.of(0L, 1000L))
            .build());
  }

  /** A pollable ready at the monotonic instant {@code deadline}; blocking sleeps until then. */
  private static WasiPollable until(long deadline) {
    return new WasiPollable(
        () -> System.nanoTime() - deadline >= 0,
        () -> {
          long left;
          while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
              throw new ComponentTrap("interrupted while waiting for a clock");
            }
          }
        });
  }

  private static void random(Linker linker) {
    linker.define(
        HostInterface.builder("wasi:random/random" + VERSION)
            .func("get-random-bytes", (s, a) -> bytes((Long) a[0], true))
            .func("get-random-u64", (s, a) -> SECURE.nextLong())
            .build());
    linker.define(
        HostInterface.builder("wasi:random/insecure" + VERSION)
            .func("get-insecure-random-bytes", (s, a) -> bytes((Long) a[0], false))
            .func("get-insecure-random-u64", (s, a) -> new SplittableRandom().nextLong())
            .build());
    linker.define(
        HostInterface.builder("wasi:random/insecure-seed" + VERSION)
            .func("insecure-seed", (s, a) -> List.of(SECURE.nextLong(), SECURE.nextLong()))
            .build());
  }

  private static byte[] bytes(long n, boolean secure) {
    if (n < 0 || n > MAX_RANDOM) {
      throw new ComponentTrap(
          "asked for " + Long.toUnsignedString(n) + " random bytes; at most " + MAX_RANDOM);
    }
    byte[] out = new byte[(int) n];
    if (secure) {
      SECURE.nextBytes(out);
    } else {
      new SplittableRandom().nextBytes(out);
    }
    return out;
  }

  private static void filesystem(Linker linker) {
    HostInterface.Builder types =
        HostInterface.builder("wasi:filesystem/types" + VERSION)
            .func("filesystem-error-code", (s, a) -> Optional.empty());
    for (String m :
        List.of(
            "read-via-stream",
            "write-via-stream",
            "append-via-stream",
            "advise",
            "sync-data",
            "get-flags",
            "get-type",
            "set-size",
            "set-times",
            "read",
            "write",
            "read-directory",
            "sync",
            "create-directory-at",
            "stat",
            "stat-at",
            "set-times-at",
            "link-at",
            "open-at",
            "readlink-at",
            "remove-directory-at",
            "rename-at",
            "symlink-at",
            "unlink-file-at",
            "is-same-object",
            "metadata-hash",
            "metadata-hash-at")) {
      types.func("[method]descriptor." + m, never("a file descriptor"));
    }
    types.func("[method]directory-entry-stream.read-directory-entry", never("a directory stream"));
    linker.define(types.build());
    linker.define(
        HostInterface.builder("wasi:filesystem/preopens" + VERSION)
            .func("get-directories", (s, a) -> new ArrayList<Object>())
            .build());
  }

  private static HostFunc never(String what) {
    return (s, a) -> {
      throw new ComponentTrap(
          what + " cannot exist here: the component has no file or socket access");
    };
  }

  private static void sockets(Linker linker) {
    WitVariant denied = WitVariant.err(ACCESS_DENIED);
    linker.define(
        HostInterface.builder("wasi:sockets/network" + VERSION)
            .func("network-error-code", (s, a) -> Optional.empty())
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/instance-network" + VERSION)
            .func("instance-network", (s, a) -> new Object())
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/ip-name-lookup" + VERSION)
            .func("resolve-addresses", (s, a) -> denied)
            .func("[method]resolve-address-stream.resolve-next-address", never("a lookup"))
            .func("[method]resolve-address-stream.subscribe", never("a lookup"))
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/tcp-create-socket" + VERSION)
            .func("create-tcp-socket", (s, a) -> denied)
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/udp-create-socket" + VERSION)
            .func("create-udp-socket", (s, a) -> denied)
            .build());
    HostInterface.Builder tcp = HostInterface.builder("wasi:sockets/tcp" + VERSION);
    for (String m :
        List.of(
            "start-bind",
            "finish-bind",
            "start-connect",
            "finish-connect",
            "start-listen",
            "finish-listen",
            "accept",
            "local-address",
            "remote-address",
            "is-listening",
            "address-family",
            "set-listen-backlog-size",
            "keep-alive-enabled",
            "set-keep-alive-enabled",
            "keep-alive-idle-time",
            "set-keep-alive-idle-time",
            "keep-alive-interval",
            "set-keep-alive-interval",
            "keep-alive-count",
            "set-keep-alive-count",
            "hop-limit",
            "set-hop-limit",
            "receive-buffer-size",
            "set-receive-buffer-size",
            "send-buffer-size",
            "set-send-buffer-size",
            "subscribe",
            "shutdown")) {
      tcp.func("[method]tcp-socket." + m, never("a TCP socket"));
    }
    linker.define(tcp.build());
    HostInterface.Builder udp = HostInterface.builder("wasi:sockets/udp" + VERSION);
    for (String m :
        List.of(
            "udp-socket.start-bind",
            "udp-socket.finish-bind",
            "udp-socket.stream",
            "udp-socket.local-address",
            "udp-socket.remote-address",
            "udp-socket.address-family",
            "udp-socket.unicast-hop-limit",
            "udp-socket.set-unicast-hop-limit",
            "udp-socket.receive-buffer-size",
            "udp-socket.set-receive-buffer-size",
            "udp-socket.send-buffer-size",
            "udp-socket.set-send-buffer-size",
            "udp-socket.subscribe",
            "incoming-datagram-stream.receive",
            "incoming-datagram-stream.subscribe",
            "outgoing-datagram-stream.check-send",
            "outgoing-datagram-stream.send",
            "outgoing-datagram-stream.subscribe")) {
      udp.func("[method]" + m, never("a UDP socket"));
    }
    linker.define(udp.build());
  }
}
