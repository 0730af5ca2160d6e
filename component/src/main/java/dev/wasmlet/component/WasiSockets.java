package dev.wasmlet.component;

import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:sockets} that grants nothing: a guest may hold its instance network, but creating a
 * socket, binding, connecting and resolving a name all fail with {@code access-denied}. Methods of
 * sockets and streams that can never exist are linked so that components load: those with a result
 * fail with {@code access-denied}, subscribe is always ready, and the few plain getters trap.
 */
final class WasiSockets {
  private WasiSockets() {}

  /** {@code error-code.access-denied}, in the order of {@code sockets.wit}. */
  static final int ACCESS_DENIED = 1;

  private static final WitVariant DENIED = WitVariant.err(ACCESS_DENIED);

  /** The {@code network} resource: it exists, and opens nothing. */
  private static final class Network {}

  static void define(Linker linker) {
    String v = WasiHost.VERSION;
    linker.define(
        HostInterface.builder("wasi:sockets/network" + v)
            .func("network-error-code", (s, a) -> Optional.empty())
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/instance-network" + v)
            .func("instance-network", (s, a) -> new Network())
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/ip-name-lookup" + v)
            .func("resolve-addresses", (s, a) -> DENIED)
            .func("[method]resolve-address-stream.resolve-next-address", (s, a) -> DENIED)
            .func("[method]resolve-address-stream.subscribe", (s, a) -> ready())
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/tcp-create-socket" + v)
            .func("create-tcp-socket", (s, a) -> DENIED)
            .build());
    linker.define(
        HostInterface.builder("wasi:sockets/udp-create-socket" + v)
            .func("create-udp-socket", (s, a) -> DENIED)
            .build());
    linker.define(tcp());
    linker.define(udp());
  }

  private static WasiPollable ready() {
    return WasiPollable.alwaysReady();
  }

  private static HostFunc never(String what) {
    return (s, a) -> {
      throw new ComponentTrap(
          what + " was called, but no socket can exist here: wasi:sockets denies every socket");
    };
  }

  private static HostInterface tcp() {
    HostInterface.Builder b = HostInterface.builder("wasi:sockets/tcp" + WasiHost.VERSION);
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
            "shutdown")) {
      b.func("[method]tcp-socket." + m, (s, a) -> DENIED);
    }
    return b.func("[method]tcp-socket.is-listening", (s, a) -> false)
        .func("[method]tcp-socket.address-family", never("tcp-socket.address-family"))
        .func("[method]tcp-socket.subscribe", (s, a) -> ready())
        .build();
  }

  private static HostInterface udp() {
    HostInterface.Builder b = HostInterface.builder("wasi:sockets/udp" + WasiHost.VERSION);
    for (String m :
        List.of(
            "udp-socket.start-bind",
            "udp-socket.finish-bind",
            "udp-socket.stream",
            "udp-socket.local-address",
            "udp-socket.remote-address",
            "udp-socket.unicast-hop-limit",
            "udp-socket.set-unicast-hop-limit",
            "udp-socket.receive-buffer-size",
            "udp-socket.set-receive-buffer-size",
            "udp-socket.send-buffer-size",
            "udp-socket.set-send-buffer-size",
            "incoming-datagram-stream.receive",
            "outgoing-datagram-stream.check-send",
            "outgoing-datagram-stream.send")) {
      b.func("[method]" + m, (s, a) -> DENIED);
    }
    for (String r : List.of("udp-socket", "incoming-datagram-stream", "outgoing-datagram-stream")) {
      b.func("[method]" + r + ".subscribe", (s, a) -> ready());
    }
    return b.func("[method]udp-socket.address-family", never("udp-socket.address-family")).build();
  }
}
