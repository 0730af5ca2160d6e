package dev.wasmlet.gateway;

import io.helidon.webserver.CloseConnectionException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The response body a {@code wasi:http} guest streams to the client. The executor closes it when
 * the guest stops, finished or not, so closing only flushes: the gateway {@link #end}s it when the
 * guest finished cleanly and otherwise drops the connection, so that a body cut short (a trap, the
 * timeout) never reaches the client with a last chunk that makes it read as complete. A failed
 * write to the connection is an {@link IOException}, as the executor expects of a stream (Helidon
 * throws it unchecked), so the guest sees a stream error rather than the server an escape.
 */
final class StreamedBody extends OutputStream {
  private final OutputStream out;

  StreamedBody(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (CloseConnectionException | UncheckedIOException e) {
      throw lost(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (CloseConnectionException | UncheckedIOException e) {
      throw lost(e);
    }
  }

  /** Flushes what the guest wrote; the body ends only through {@link #end}. */
  @Override
  public void close() throws IOException {
    flush();
  }

  /** Ends the body as complete (the last chunk, when chunked). */
  void end() throws IOException {
    try {
      out.close();
    } catch (CloseConnectionException | UncheckedIOException e) {
      throw lost(e);
    }
  }

  private static IOException lost(RuntimeException e) {
    return new IOException("the connection to the client failed: " + e.getMessage(), e);
  }
}
