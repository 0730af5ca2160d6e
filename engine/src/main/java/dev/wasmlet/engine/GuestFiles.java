package dev.wasmlet.engine;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a component may read: a private in-memory copy of its mounts, shared read-only by all
 * of its instances. Only regular files and directories are copied; a symlink is copied as the file
 * it points to only when that target lies inside the same mount, otherwise it is left out. The WAGI
 * executor preopens its {@link #root()} itself; the gateway hands it to a {@code wasi:http}
 * component's host the same way.
 */
public final class GuestFiles implements AutoCloseable {
  private final FileSystem fs;
  private final long bytes;

  private GuestFiles(FileSystem fs, long bytes) {
    this.fs = fs;
    this.bytes = bytes;
  }

  /**
   * Copies {@code mounts} into a new in-memory file system.
   *
   * @param component the component's id, for messages
   * @throws LinkFailed naming the component when a mount cannot be read
   */
  public static GuestFiles copyOf(String component, List<Mount> mounts) {
    // Chicory's WASI reads "unix:*" attributes for fd_filestat_get; Jimfs needs the view enabled.
    FileSystem fs =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .build());
    long total = 0;
    try {
      for (Mount m : mounts) {
        Path source = m.hostPath().toRealPath();
        Path target = fs.getPath(m.guestPath());
        if (Files.isDirectory(source)) {
          total += copyTree(source, target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target);
          total += Files.size(target);
        }
      }
    } catch (IOException e) {
      closeQuietly(fs);
      throw new LinkFailed(
          "component \"" + component + "\": cannot prepare its files: " + e.getMessage(), e);
    }
    return new GuestFiles(fs, total);
  }

  private static long copyTree(Path root, Path target) throws IOException {
    long total = 0;
    Files.createDirectories(target);
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(root)) {
          continue;
        }
        Path dest = target.resolve(root.relativize(p).toString());
        Path real;
        try {
          real = p.toRealPath();
        } catch (IOException e) {
          continue; // a dangling symlink: nothing to copy
        }
        if (!real.startsWith(root)) {
          continue; // a symlink out of the mount: the guest must never see its target
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(dest);
        } else if (Files.isRegularFile(real)) {
          Files.createDirectories(dest.getParent());
          Files.copy(real, dest);
          total += Files.size(dest);
        }
      }
    }
    return total;
  }

  /** The root the guest's "/" preopen maps to: every mount lies at its guest path under it. */
  public Path root() {
    return fs.getPath("/");
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    closeQuietly(fs);
  }

  private static void closeQuietly(FileSystem fs) {
    try {
      fs.close();
    } catch (IOException e) {
      // in-memory: nothing to lose
    }
  }
}
