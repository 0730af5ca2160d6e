package dev.wasmlet.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminClientTest {
  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aRefusedConnectionNamesTheAddressAndHowToStartAServer() throws Exception {
    String server = "http://127.0.0.1:" + closedPort();
    try (AdminClient c =
        AdminClient.connect(new Endpoint(server, Optional.empty(), "the default"))) {
      assertThatThrownBy(c::apps)
          .isInstanceOf(ServerUnreachable.class)
          .hasMessage(
              "cannot reach the wasmlet server at "
                  + server
                  + ": connection refused: nothing is listening there; start one with `wasmlet"
                  + " server`, or choose another with --server or --context");
    }
  }

  @Test
  void badNamesAreRefusedBeforeAnythingIsSent() throws Exception {
    try (AdminClient c =
        AdminClient.connect(
            new Endpoint("http://127.0.0.1:" + closedPort(), Optional.empty(), "--server"))) {
      assertThatThrownBy(() -> c.app("Shop/../x"))
          .isInstanceOf(RequestInvalid.class)
          .hasMessageStartingWith("app name \"Shop/../x\" must be");
      assertThatThrownBy(() -> c.setSecret("shop", "DB-Pass", "hunter2"))
          .isInstanceOf(RequestInvalid.class)
          .hasMessageStartingWith("secret name \"DB-Pass\" must be")
          .hasMessageNotContaining("hunter2");
    }
  }
}
