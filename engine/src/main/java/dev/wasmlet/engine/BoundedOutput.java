package dev.wasmlet.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** A guest's stdout: collects bytes up to a cap and stops the guest once it writes past it. */
final class BoundedOutput extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
  private final long max;

  BoundedOutput(long max) {
    this.max = max;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if ((long) buffer.size() + len > max) {
      throw new OutputLimitExceeded(max);
    }
    buffer.write(b, off, len);
  }

  byte[] bytes() {
    return buffer.toByteArray();
  }

  int size() {
    return buffer.size();
  }

  /** Thrown out of the guest's write to unwind it; the runner turns it into a GuestFailed. */
  static final class OutputLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputLimitExceeded(long max) {
      super("guest wrote more than " + max + " bytes to stdout", null, false, false);
    }
  }
}
