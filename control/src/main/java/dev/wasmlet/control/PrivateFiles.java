package dev.wasmlet.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read (keys, tokens), written atomically. */
final class PrivateFiles {
  private PrivateFiles() {}

  static void write(Path file, String content) throws IOException {
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            ".tmp-",
            "",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      Fsync.directory(file.getParent());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
