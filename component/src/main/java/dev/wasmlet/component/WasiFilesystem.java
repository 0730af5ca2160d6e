package dev.wasmlet.component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:filesystem/types} and {@code preopens} over the {@link WasiContext}'s preopened
 * directories, read-only: a guest may stat, list and read what lies inside them and nothing outside
 * (see {@link WasiDescriptor} for the confinement); every call that would change a file fails with
 * {@code read-only}.
 */
final class WasiFilesystem {
  private WasiFilesystem() {}

  /** The most bytes one {@code read} returns. */
  static final int MAX_READ = 64 * 1024;

  /** The most entries one directory listing holds. */
  static final int MAX_ENTRIES = 65_536;

  /** {@code descriptor-flags}: read. */
  private static final int FLAG_READ = 1;

  /** {@code descriptor-flags} that would write: write, mutate-directory. */
  private static final int WRITE_FLAGS = 2 | 32;

  /** {@code open-flags} that would write: create, exclusive (with create), truncate. */
  private static final int WRITE_OPEN_FLAGS = 1 | 4 | 8;

  /** {@code open-flags}: directory. */
  private static final int OPEN_DIRECTORY = 2;

  /** {@code path-flags}: symlink-follow. */
  private static final int SYMLINK_FOLLOW = 1;

  /** A descriptor method that may fail with an error-code (thrown as {@link FsRefused}). */
  @FunctionalInterface
  private interface HostOp {
    Object apply(Object[] args) throws IOException;
  }

  /** {@code directory-entry-stream}: a listing taken when the guest asked for it. */
  private static final class Entries {
    private final Iterator<Object> next;

    Entries(List<Object> entries) {
      this.next = entries.iterator();
    }
  }

  static void define(Linker linker) {
    linker.define(types());
    linker.define(
        HostInterface.builder("wasi:filesystem/preopens" + WasiHost.VERSION)
            .func("get-directories", (s, a) -> directories(WasiHost.context(s)))
            .build());
  }

  private static List<Object> directories(WasiContext c) {
    List<Object> out = new ArrayList<>();
    for (WasiContext.Preopen p : c.preopens()) {
      out.add(List.of(new WasiDescriptor(p.root(), true), p.guestPath()));
    }
    return out;
  }

  private static HostInterface types() {
    HostInterface.Builder b =
        HostInterface.builder("wasi:filesystem/types" + WasiHost.VERSION)
            .func("filesystem-error-code", (s, a) -> Optional.empty())
            .func(
                "[method]directory-entry-stream.read-directory-entry",
                (s, a) -> {
                  Entries e = (Entries) a[0];
                  return WitVariant.ok(
                      e.next.hasNext() ? Optional.of(e.next.next()) : Optional.empty());
                });
    method(b, "read-via-stream", a -> readViaStream(desc(a), (Long) a[1]));
    method(b, "advise", a -> null);
    method(b, "sync-data", a -> null);
    method(b, "sync", a -> null);
    method(b, "get-flags", a -> FLAG_READ);
    method(b, "get-type", a -> typeOf(desc(a)));
    method(b, "read", a -> read(desc(a), (Long) a[1], (Long) a[2]));
    method(b, "read-directory", a -> list(desc(a)));
    method(b, "stat", a -> WasiDescriptor.stat(desc(a).path(), true));
    method(b, "stat-at", a -> WasiDescriptor.stat(at(a, 2, follow(a[1])), follow(a[1])));
    method(b, "open-at", WasiFilesystem::openAt);
    method(
        b,
        "readlink-at",
        a -> {
          at(a, 1, false);
          // a link's target would tell the guest how the host lays out its files
          throw new FsRefused(FsRefused.NOT_PERMITTED);
        });
    method(b, "metadata-hash", a -> WasiDescriptor.metadataHash(desc(a).path(), true));
    method(
        b,
        "metadata-hash-at",
        a -> WasiDescriptor.metadataHash(at(a, 2, follow(a[1])), follow(a[1])));
    b.func(
        "[method]descriptor.is-same-object",
        (s, a) -> {
          try {
            return Files.isSameFile(desc(a).path(), ((WasiDescriptor) a[1]).path());
          } catch (IOException e) {
            return false;
          }
        });
    for (String m :
        List.of(
            "write-via-stream",
            "append-via-stream",
            "set-size",
            "set-times",
            "write",
            "create-directory-at",
            "set-times-at",
            "link-at",
            "remove-directory-at",
            "rename-at",
            "symlink-at",
            "unlink-file-at")) {
      b.func("[method]descriptor." + m, (s, a) -> WitVariant.err(FsRefused.READ_ONLY));
    }
    return b.build();
  }

  /** Defines {@code [method]descriptor.NAME} returning {@code ok(op)} or {@code err(code)}. */
  private static void method(HostInterface.Builder b, String name, HostOp op) {
    b.func("[method]descriptor." + name, (s, a) -> attempt(op, a));
  }

  private static WitVariant attempt(HostOp op, Object[] a) {
    try {
      return WitVariant.ok(op.apply(a));
    } catch (FsRefused r) {
      return WitVariant.err(r.code());
    } catch (IOException e) {
      return WitVariant.err(FsRefused.codeOf(e));
    } catch (InvalidPathException e) {
      return WitVariant.err(FsRefused.INVALID);
    }
  }

  private static WasiDescriptor desc(Object[] a) {
    return (WasiDescriptor) a[0];
  }

  private static boolean follow(Object pathFlags) {
    return ((Integer) pathFlags & SYMLINK_FOLLOW) != 0;
  }

  /** The host path of the guest path in argument {@code i}, relative to the descriptor. */
  private static Path at(Object[] a, int i, boolean follow) throws IOException {
    return desc(a).resolve((String) a[i], follow);
  }

  private static int typeOf(WasiDescriptor d) throws IOException {
    return WasiDescriptor.typeOf(
        Files.readAttributes(d.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
  }

  private static Object openAt(Object[] a) throws IOException {
    int openFlags = (Integer) a[3];
    int flags = (Integer) a[4];
    if ((openFlags & WRITE_OPEN_FLAGS) != 0 || (flags & WRITE_FLAGS) != 0) {
      throw new FsRefused(FsRefused.READ_ONLY);
    }
    return desc(a).open((String) a[2], follow(a[1]), (openFlags & OPEN_DIRECTORY) != 0);
  }

  private static Object read(WasiDescriptor d, long length, long offset) throws IOException {
    if (offset < 0) {
      throw new FsRefused(FsRefused.INVALID);
    }
    int want = length < 0 || length > MAX_READ ? MAX_READ : (int) length;
    return d.read(want, offset);
  }

  private static Object readViaStream(WasiDescriptor d, long offset) {
    if (d.directory()) {
      throw new FsRefused(FsRefused.IS_DIRECTORY);
    }
    if (offset < 0) {
      throw new FsRefused(FsRefused.INVALID);
    }
    return new WasiInputStream(new FileReadStream(d.path(), offset));
  }

  private static Object list(WasiDescriptor d) throws IOException {
    if (!d.directory()) {
      throw new FsRefused(FsRefused.NOT_DIRECTORY);
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(d.path())) {
      for (Path p : dir) {
        if (children.size() == MAX_ENTRIES) {
          throw new FsRefused(FsRefused.INSUFFICIENT_MEMORY);
        }
        children.add(p);
      }
    }
    children.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<Object> entries = new ArrayList<>();
    for (Path p : children) {
      int type;
      try {
        type =
            WasiDescriptor.typeOf(
                Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException e) {
        type = WasiDescriptor.UNKNOWN; // removed since it was listed
      }
      entries.add(List.of(type, p.getFileName().toString()));
    }
    return new Entries(entries);
  }
}
