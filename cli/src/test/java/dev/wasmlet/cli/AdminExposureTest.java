package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `wasmlet server` warns when its admin API would be reachable from other machines. */
class AdminExposureTest {
  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "[::]", "10.1.2.3", "192.168.0.7"})
  void aNonLoopbackAdminListenerIsWarnedAbout(String host) {
    assertThat(ServerCommand.exposureWarning(host, 7070))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith(
                        "warning: the admin API listens on " + host + ":7070 over plain HTTP")
                    .contains("--admin-tls-cert"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"})
  void aLoopbackAdminListenerIsNot(String host) {
    assertThat(ServerCommand.exposureWarning(host, 7070)).isEmpty();
  }
}
