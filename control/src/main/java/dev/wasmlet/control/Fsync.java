package dev.wasmlet.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes renames and new files in a directory durable (fsync of the directory itself). */
final class Fsync {
  private Fsync() {}

  static void directory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the rename is still atomic there.
      System.getLogger(Fsync.class.getName())
          .log(System.Logger.Level.DEBUG, "fsync of " + dir + ": " + e.getMessage());
    }
  }
}
