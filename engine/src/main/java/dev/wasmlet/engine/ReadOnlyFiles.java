package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.HostFunction;
import java.util.Set;

/**
 * Makes a WASI context's file system read-only: every call that could create, change or remove a
 * file answers {@code EROFS}, and {@code path_open} refuses write rights or create/truncate flags.
 * The in-memory copy behind the guest is shared by all instances of a component, so a write would
 * leak state between requests; this is what prevents it.
 */
final class ReadOnlyFiles {
  static final int ERRNO_ROFS = 69;

  private static final Set<String> MUTATING =
      Set.of(
          "path_create_directory",
          "path_link",
          "path_remove_directory",
          "path_rename",
          "path_symlink",
          "path_unlink_file",
          "path_filestat_set_times",
          "fd_filestat_set_size",
          "fd_filestat_set_times",
          "fd_allocate",
          "fd_pwrite");

  private static final int OFLAGS_CREAT = 1;
  private static final int OFLAGS_EXCL = 4;
  private static final int OFLAGS_TRUNC = 8;
  private static final long RIGHT_FD_WRITE = 1L << 6;
  private static final long RIGHT_FD_ALLOCATE = 1L << 8;
  private static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
  private static final long WRITE_RIGHTS =
      RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE;
  private static final int FDFLAGS_APPEND = 1;

  private ReadOnlyFiles() {}

  /** Replaces, in place, the host functions that would write to the file system. */
  static HostFunction[] restrict(HostFunction[] functions) {
    for (int i = 0; i < functions.length; i++) {
      HostFunction f = functions[i];
      if (MUTATING.contains(f.name())) {
        functions[i] =
            new HostFunction(
                f.module(), f.name(), f.functionType(), (inst, args) -> new long[] {ERRNO_ROFS});
      } else if (f.name().equals("path_open")) {
        var open = f.handle();
        functions[i] =
            new HostFunction(
                f.module(),
                f.name(),
                f.functionType(),
                (inst, args) -> {
                  // (fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags,
                  // result)
                  int oflags = (int) args[4];
                  long rights = args[5];
                  int fdflags = (int) args[7];
                  if ((oflags & (OFLAGS_CREAT | OFLAGS_EXCL | OFLAGS_TRUNC)) != 0
                      || (rights & WRITE_RIGHTS) != 0
                      || (fdflags & FDFLAGS_APPEND) != 0) {
                    return new long[] {ERRNO_ROFS};
                  }
                  return open.apply(inst, args);
                });
      }
    }
    return functions;
  }
}
