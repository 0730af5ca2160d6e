package dev.wasmlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.ServerConnectionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The streamed body of a wasi:http response, as the executor and the gateway use it. */
class StreamedBodyTest {
  /** Records whether it was closed. */
  private static final class Recording extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void closingOnlyFlushesAndEndingClosesTheConnectionsStream() throws IOException {
    Recording wire = new Recording();
    StreamedBody body = new StreamedBody(wire);
    body.write("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    body.close();
    assertThat(wire.closed).as("the executor's close must not end the body").isFalse();
    body.end();
    assertThat(wire.closed).isTrue();
    assertThat(wire.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abc");
  }

  @Test
  void aFailedWriteToTheConnectionIsAnIoExceptionNotAnEscape() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) {
            throw new ServerConnectionException(
                "Failed to write chunked response data",
                new UncheckedIOException(new IOException("closed")));
          }
        };
    StreamedBody body = new StreamedBody(broken);
    assertThatThrownBy(() -> body.write(new byte[] {1, 2}))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("the connection to the client failed");
  }
}
