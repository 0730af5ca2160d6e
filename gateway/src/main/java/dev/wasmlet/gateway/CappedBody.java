package dev.wasmlet.gateway;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read as it arrives, for a guest that streams it: more than {@code max} bytes, or
 * bytes still arriving past the body deadline, fail the read (the guest sees a stream error, as a
 * wasi:http guest does when its host cuts a body off).
 */
final class CappedBody extends InputStream {
  private final InputStream in;
  private final long max;
  private final long deadline;
  private long read;

  CappedBody(InputStream in, long max, long deadlineNanos) {
    this.in = in;
    this.max = max;
    this.deadline = deadlineNanos;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (System.nanoTime() - deadline > 0) {
      throw new IOException("the request body arrived too slowly");
    }
    int n = in.read(b, off, (int) Math.min(len, max - read + 1));
    if (n > 0) {
      read += n;
      if (read > max) {
        throw new IOException("the request body is over its limit of " + max + " bytes");
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
