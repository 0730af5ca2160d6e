package dev.wasmlet.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read from an offset onwards, for {@code descriptor.read-via-stream}. Each read opens the
 * file, reads at the current position and closes it again, so a stream the guest never finishes or
 * never drops holds no file open.
 */
final class FileReadStream extends InputStream {
  private final Path path;
  private long position;

  FileReadStream(Path path, long offset) {
    this.path = path;
    this.position = offset;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    try (FileChannel ch =
        FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      int n = ch.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }
}
