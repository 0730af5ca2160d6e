package dev.wasmlet.component;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@code wasi:io/streams} output-stream over a Java stream, with a byte cap: writing past it
 * fails the write (the guest sees last-operation-failed) rather than growing without bound.
 */
public final class WasiOutputStream implements HostResource {
  /** What check-write permits at once. */
  static final long WRITE_PERMIT = 64 * 1024;

  private final OutputStream out;
  private final long cap;
  private final String what;
  private long written;
  private boolean closed;
  private boolean overLimit;

  public WasiOutputStream(OutputStream out, long cap, String what) {
    this.out = out;
    this.cap = cap;
    this.what = what;
  }

  boolean closed() {
    return closed;
  }

  /** Whether a write was refused for going over the cap (the stream is closed since). */
  boolean overLimit() {
    return overLimit;
  }

  long checkWrite() {
    return Math.min(WRITE_PERMIT, Math.max(0, cap - written));
  }

  void write(byte[] bytes) throws IOException {
    if (written + bytes.length > cap) {
      closed = true;
      overLimit = true;
      throw new IOException(what + " is over its limit of " + cap + " bytes");
    }
    written += bytes.length;
    out.write(bytes);
  }

  void flush() throws IOException {
    out.flush();
  }

  @Override
  public void dropped(Store store) {
    try {
      out.flush();
    } catch (IOException e) {
      // the client went away; the guest has dropped its stream and cannot be told
    }
  }
}
