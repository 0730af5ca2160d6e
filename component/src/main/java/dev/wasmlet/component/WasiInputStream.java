package dev.wasmlet.component;

import java.io.IOException;
import java.io.InputStream;

/**
 * A {@code wasi:io/streams} input-stream over a Java stream. Reads block until at least one byte or
 * the end arrives (a guest that asked without blocking gets what a blocking read gets, which WASI
 * allows: it may return fewer bytes than asked, never more).
 */
public final class WasiInputStream implements HostResource {
  /** The most one read hands the guest, whatever it asks for. */
  static final int MAX_READ = 64 * 1024;

  private final InputStream in;
  private boolean closed;

  public WasiInputStream(InputStream in) {
    this.in = in;
  }

  /** Up to {@code len} bytes; null at the end of the stream; throws on an I/O failure. */
  byte[] read(long len) throws IOException {
    if (closed) {
      return null;
    }
    int want = (int) Math.min(Math.max(len, 0), MAX_READ);
    if (want == 0) {
      return new byte[0];
    }
    byte[] buf = new byte[want];
    int n = in.read(buf, 0, want);
    if (n < 0) {
      closed = true;
      return null;
    }
    return n == want ? buf : java.util.Arrays.copyOf(buf, n);
  }

  @Override
  public void dropped(Store store) {
    closed = true;
  }
}
