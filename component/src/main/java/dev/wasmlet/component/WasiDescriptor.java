package dev.wasmlet.component;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code wasi:filesystem} descriptor: a regular file or directory the guest may read, and only
 * read. Its path is a real path (no symlinks in it); a directory descriptor is a sandbox of its
 * own, like a cap-std {@code Dir}: every path given to an {@code *-at} call is confined to it,
 * lexically ({@code ..} may not climb out of it) and again after symlinks are resolved, one
 * component at a time. No file stays open between calls: each read opens, reads and closes.
 */
final class WasiDescriptor {
  /** {@code descriptor-type} case indices. */
  static final int UNKNOWN = 0;

  static final int DIRECTORY = 3;
  static final int SYMBOLIC_LINK = 5;
  static final int REGULAR_FILE = 6;

  /** Salts metadata hashes so they do not give away host inode numbers. */
  private static final byte[] SALT = new SecureRandom().generateSeed(16);

  private final Path path;
  private final boolean directory;

  WasiDescriptor(Path path, boolean directory) {
    this.path = path;
    this.directory = directory;
  }

  Path path() {
    return path;
  }

  boolean directory() {
    return directory;
  }

  /**
   * The host path of {@code guestPath} inside this directory: real (symlinks resolved) throughout,
   * except that the last component is left unresolved when {@code followLast} is false.
   */
  Path resolve(String guestPath, boolean followLast) throws IOException {
    if (!directory) {
      throw new FsRefused(FsRefused.NOT_DIRECTORY);
    }
    if (guestPath.isEmpty()) {
      throw new FsRefused(FsRefused.NO_ENTRY);
    }
    if (guestPath.startsWith("/")) {
      throw new FsRefused(FsRefused.NOT_PERMITTED);
    }
    if (guestPath.indexOf('\0') >= 0) {
      throw new FsRefused(FsRefused.INVALID);
    }
    Deque<String> names = new ArrayDeque<>();
    for (String name : guestPath.split("/", -1)) {
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        if (names.isEmpty()) {
          throw new FsRefused(FsRefused.NOT_PERMITTED);
        }
        names.removeLast();
      } else {
        names.addLast(name);
      }
    }
    Path at = path;
    while (!names.isEmpty()) {
      String name = names.removeFirst();
      Path next = at.resolve(name);
      if (names.isEmpty() && !followLast) {
        if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
          throw new FsRefused(FsRefused.NO_ENTRY);
        }
        return next;
      }
      at = confined(next.toRealPath());
    }
    return at;
  }

  private Path confined(Path real) {
    if (!real.startsWith(path)) {
      throw new FsRefused(FsRefused.NOT_PERMITTED);
    }
    return real;
  }

  /** Opens {@code guestPath} for reading, as {@code open-at} with no write flags. */
  WasiDescriptor open(String guestPath, boolean follow, boolean mustBeDirectory)
      throws IOException {
    Path p = resolve(guestPath, follow);
    BasicFileAttributes a =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      // not followed: where it leads decides between "outside" and O_NOFOLLOW's ELOOP
      confined(p.toRealPath());
      throw new FsRefused(FsRefused.LOOP);
    }
    if (mustBeDirectory && !a.isDirectory()) {
      throw new FsRefused(FsRefused.NOT_DIRECTORY);
    }
    if (!a.isDirectory() && !a.isRegularFile()) {
      throw new FsRefused(FsRefused.UNSUPPORTED);
    }
    return new WasiDescriptor(p, a.isDirectory());
  }

  /** Up to {@code length} bytes from {@code offset}, and whether the file ends there. */
  List<Object> read(int length, long offset) throws IOException {
    if (directory) {
      throw new FsRefused(FsRefused.IS_DIRECTORY);
    }
    try (FileChannel ch =
        FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          break;
        }
      }
      byte[] got = Arrays.copyOf(buf.array(), buf.position());
      return List.of(got, offset + got.length >= ch.size());
    }
  }

  /** The {@code descriptor-stat} record of {@code p}. */
  static List<Object> stat(Path p, boolean follow) throws IOException {
    LinkOption[] how = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, how);
    long links = 1;
    Optional<Object> changed = Optional.empty();
    try {
      Map<String, Object> unix = Files.readAttributes(p, "unix:nlink,ctime", how);
      links = ((Number) unix.get("nlink")).longValue();
      changed = Optional.of(datetime((FileTime) unix.get("ctime")));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // not a POSIX file system: one link, no status-change time
    }
    return List.of(
        typeOf(a),
        links,
        a.size(),
        Optional.of(datetime(a.lastAccessTime())),
        Optional.of(datetime(a.lastModifiedTime())),
        changed);
  }

  private static Object datetime(FileTime t) {
    return WasiHost.datetime(t.toInstant());
  }

  static int typeOf(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return DIRECTORY;
    }
    if (a.isRegularFile()) {
      return REGULAR_FILE;
    }
    return a.isSymbolicLink() ? SYMBOLIC_LINK : UNKNOWN;
  }

  /**
   * The {@code metadata-hash-value} of {@code p}: a salted hash of its identity, size and times, so
   * the same unchanged file hashes the same and a changed one (usually) does not.
   */
  static List<Object> metadataHash(Path p, boolean follow) throws IOException {
    LinkOption[] how = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, how);
    Object key = a.fileKey() != null ? a.fileKey() : p.toAbsolutePath();
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    d.update(SALT);
    d.update(key.toString().getBytes(StandardCharsets.UTF_8));
    d.update(
        ByteBuffer.allocate(24)
            .putLong(a.size())
            .putLong(a.lastModifiedTime().toMillis())
            .putLong(a.creationTime().toMillis())
            .array());
    ByteBuffer h = ByteBuffer.wrap(d.digest());
    return List.of(h.getLong(), h.getLong());
  }
}
