package dev.wasmlet.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells how many bytes were read so far, for upload progress. */
final class CountingInputStream extends FilterInputStream {
  private final LongConsumer sent;
  private long count;

  CountingInputStream(InputStream in, LongConsumer sent) {
    super(in);
    this.sent = sent;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(long n) {
    count += n;
    sent.accept(count);
  }
}
