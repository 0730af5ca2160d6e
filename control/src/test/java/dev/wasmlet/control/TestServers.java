package dev.wasmlet.control;

import dev.wasmlet.testing.TestAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Real servers in this JVM on loopback, for the control module's tests. */
final class TestServers {
  private TestServers() {}

  /** A server on free loopback ports. */
  static WasmletServer start(Path data) {
    return start(data, 0);
  }

  /** A server whose gateway listens on {@code gatewayPort} (0: a free one). */
  static WasmletServer start(Path data, int gatewayPort) {
    return WasmletServer.start(
        ServerConfig.builder()
            .withDataDir(data)
            .withListen("127.0.0.1", gatewayPort)
            .withAdminListen("127.0.0.1", 0)
            .withProbeInterval(Duration.ofSeconds(30))
            .build());
  }

  /** A client of the server's admin API with the token it wrote on first start. */
  static TestAdmin admin(WasmletServer server) throws IOException {
    return new TestAdmin(
        "http://127.0.0.1:" + server.adminPort(), Files.readString(server.tokenFile()).trim());
  }
}
