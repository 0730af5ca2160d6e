package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** An executor is taken for dead early only when its admin port refuses connections. */
class ExecutorEventsTest {

  @Test
  void aListeningPortIsAliveAndAClosedOneRefuses() throws IOException {
    URI admin;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      admin = URI.create("http://127.0.0.1:" + s.getLocalPort());
      assertThat(ExecutorEvents.refuses(admin)).isFalse();
    }
    assertThat(ExecutorEvents.refuses(admin)).as("nothing listens there any more").isTrue();
  }

  @Test
  void anAddressThatCannotBeReachedIsNotProofOfDeath() {
    assertThat(ExecutorEvents.refuses(URI.create("http://no-such-executor.invalid:8081")))
        .isFalse();
  }
}
