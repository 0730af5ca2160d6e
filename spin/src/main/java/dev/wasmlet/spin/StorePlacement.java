package dev.wasmlet.spin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Where one key-value store or SQLite database of an app keeps its data: a file, or memory only
 * (Spin's {@code type = "spin"} without {@code path}: gone when the app stops).
 */
public sealed interface StorePlacement {
  /** The data in {@code file}, an absolute, normalized path. */
  static StorePlacement file(Path file) {
    return new OnDisk(file.toAbsolutePath().normalize());
  }

  static StorePlacement inMemory() {
    return new InMemory();
  }

  /** An SQLite file; made (with its missing parent directories) when first opened. */
  record OnDisk(Path file) implements StorePlacement {
    /**
     * Why {@link #file} cannot hold a store, if it cannot: it exists and is not a regular file (a
     * directory, a device, a FIFO), it is a symbolic link (its target could change under the store;
     * name the target itself), or its parent exists and is not a directory.
     */
    public Optional<String> unusable() {
      try {
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          return Optional.of("is a symbolic link; give the path of the file itself");
        }
        if (a.isDirectory()) {
          return Optional.of("is a directory; give the path of a file in it, e.g. " + "store.db");
        }
        if (!a.isRegularFile()) {
          return Optional.of("is not a regular file");
        }
        return Optional.empty();
      } catch (IOException absent) {
        Path parent = file.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
          return Optional.of("is inside " + parent + ", which is not a directory");
        }
        return Optional.empty();
      }
    }
  }

  /** An in-memory database, private to this process. */
  record InMemory() implements StorePlacement {}
}
