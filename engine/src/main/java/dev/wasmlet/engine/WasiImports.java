package dev.wasmlet.engine;

import static java.util.Map.entry;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.util.Arrays;
import java.util.Map;

/**
 * The WASI preview 1 host functions a module imports, built once per component instead of once per
 * request. Chicory binds each host function it generates to one {@link WasiPreview1}, whose
 * arguments, environment and streams are fixed when it is made, so sharing them needs a level of
 * indirection: each function here calls the context {@link #bind bound} to the calling thread (the
 * request's, for exactly as long as its guest runs there).
 *
 * <p>{@link #CALLS} mirrors {@link WasiPreview1}'s exports one by one (the argument decoding
 * Chicory's generated factory does: an {@code i64} stays {@code long}, a path is a pointer and a
 * length read as UTF-8); the function types are taken from Chicory's own table. The command line
 * and the environment are answered by the {@link GuestContext} itself ({@link #CONTEXT_CALLS}).
 * This file mirrors that spec table, which is why it is long.
 */
final class WasiImports {
  private static final ThreadLocal<GuestContext> CURRENT = new ThreadLocal<>();

  /** Chicory's own table, for the names and types (its handles are never called). */
  private static final HostFunction[] TEMPLATE = template();

  private WasiImports() {}

  /** A host call that Chicory's {@link WasiPreview1} answers, with the guest's arguments. */
  @FunctionalInterface
  private interface Call {
    long[] apply(WasiPreview1 wasi, Memory memory, long[] a);
  }

  /** A host call that the request's {@link GuestContext} answers itself. */
  @FunctionalInterface
  private interface ContextCall {
    long[] apply(GuestContext context, Memory memory, long[] a);
  }

  private static final Map<String, ContextCall> CONTEXT_CALLS =
      Map.of(
          "args_get", (c, m, a) -> r(c.argsGet(m, i(a[0]), i(a[1]))),
          "args_sizes_get", (c, m, a) -> r(c.argsSizesGet(m, i(a[0]), i(a[1]))),
          "environ_get", (c, m, a) -> r(c.environGet(m, i(a[0]), i(a[1]))),
          "environ_sizes_get", (c, m, a) -> r(c.environSizesGet(m, i(a[0]), i(a[1]))));

  /**
   * The shared host functions for a module's imports, in its import order: what {@code
   * shape.select(wasi.toHostFunctions())} gives for one request, but bound to no request.
   */
  static HostFunction[] forModule(ModuleShape shape) {
    HostFunction[] picked = shape.select(TEMPLATE);
    HostFunction[] shared = new HostFunction[picked.length];
    for (int i = 0; i < picked.length; i++) {
      HostFunction f = picked[i];
      ContextCall own = CONTEXT_CALLS.get(f.name());
      Call call = CALLS.get(f.name());
      if (own == null && call == null) {
        throw new IllegalStateException("no binding for WASI function " + f.name());
      }
      shared[i] =
          new HostFunction(
              f.module(),
              f.name(),
              f.functionType(),
              own != null
                  ? (instance, args) -> own.apply(current(), instance.memory(), args)
                  : (instance, args) -> call.apply(current().wasi(), instance.memory(), args));
    }
    return shared;
  }

  /**
   * Binds {@code wasi} to this thread until the returned binding is closed: the host functions of
   * every component call it meanwhile.
   */
  static Binding bind(GuestContext context) {
    GuestContext previous = CURRENT.get();
    CURRENT.set(context);
    return new Binding(previous);
  }

  /** Undoes a {@link #bind}; restores what was bound before. */
  static final class Binding implements AutoCloseable {
    private final GuestContext previous;

    private Binding(GuestContext previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** Names of every WASI function, in Chicory's order. */
  static String[] names() {
    return Arrays.stream(TEMPLATE).map(HostFunction::name).toArray(String[]::new);
  }

  /** Whether every function of Chicory's table has a binding here. */
  static boolean complete() {
    return Arrays.stream(TEMPLATE)
        .allMatch(f -> CALLS.containsKey(f.name()) || CONTEXT_CALLS.containsKey(f.name()));
  }

  private static GuestContext current() {
    GuestContext context = CURRENT.get();
    if (context == null) {
      throw new IllegalStateException("a WASI function was called with no request bound");
    }
    return context;
  }

  private static HostFunction[] template() {
    try (var wasi = WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).build()) {
      return wasi.toHostFunctions();
    }
  }

  private static long[] r(int errno) {
    return new long[] {errno};
  }

  private static int i(long v) {
    return (int) v;
  }

  private static String s(Memory m, long ptr, long len) {
    return m.readString((int) ptr, (int) len);
  }

  private static final Map<String, Call> CALLS =
      Map.ofEntries(
          entry("adapter_close_badfd", (w, m, a) -> r(w.adapterCloseBadfd(i(a[0])))),
          entry("adapter_open_badfd", (w, m, a) -> r(w.adapterOpenBadfd(i(a[0])))),
          entry("clock_res_get", (w, m, a) -> r(w.clockResGet(m, i(a[0]), i(a[1])))),
          entry("clock_time_get", (w, m, a) -> r(w.clockTimeGet(m, i(a[0]), a[1], i(a[2])))),
          entry("fd_advise", (w, m, a) -> r(w.fdAdvise(i(a[0]), a[1], a[2], i(a[3])))),
          entry("fd_allocate", (w, m, a) -> r(w.fdAllocate(i(a[0]), a[1], a[2]))),
          entry("fd_close", (w, m, a) -> r(w.fdClose(i(a[0])))),
          entry("fd_datasync", (w, m, a) -> r(w.fdDatasync(i(a[0])))),
          entry("fd_fdstat_get", (w, m, a) -> r(w.fdFdstatGet(m, i(a[0]), i(a[1])))),
          entry("fd_fdstat_set_flags", (w, m, a) -> r(w.fdFdstatSetFlags(i(a[0]), i(a[1])))),
          entry("fd_fdstat_set_rights", (w, m, a) -> r(w.fdFdstatSetRights(i(a[0]), a[1], a[2]))),
          entry("fd_filestat_get", (w, m, a) -> r(w.fdFilestatGet(m, i(a[0]), i(a[1])))),
          entry("fd_filestat_set_size", (w, m, a) -> r(w.fdFilestatSetSize(i(a[0]), a[1]))),
          entry(
              "fd_filestat_set_times",
              (w, m, a) -> r(w.fdFilestatSetTimes(i(a[0]), a[1], a[2], i(a[3])))),
          entry("fd_pread", (w, m, a) -> r(w.fdPread(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])))),
          entry(
              "fd_prestat_dir_name",
              (w, m, a) -> r(w.fdPrestatDirName(m, i(a[0]), i(a[1]), i(a[2])))),
          entry("fd_prestat_get", (w, m, a) -> r(w.fdPrestatGet(m, i(a[0]), i(a[1])))),
          entry(
              "fd_pwrite", (w, m, a) -> r(w.fdPwrite(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])))),
          entry("fd_read", (w, m, a) -> r(w.fdRead(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])))),
          entry(
              "fd_readdir",
              (w, m, a) -> r(w.fdReaddir(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])))),
          entry("fd_renumber", (w, m, a) -> r(w.fdRenumber(i(a[0]), i(a[1])))),
          entry("fd_seek", (w, m, a) -> r(w.fdSeek(m, i(a[0]), a[1], i(a[2]), i(a[3])))),
          entry("fd_sync", (w, m, a) -> r(w.fdSync(i(a[0])))),
          entry("fd_tell", (w, m, a) -> r(w.fdTell(m, i(a[0]), i(a[1])))),
          entry("fd_write", (w, m, a) -> r(w.fdWrite(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])))),
          entry(
              "path_create_directory",
              (w, m, a) -> r(w.pathCreateDirectory(i(a[0]), s(m, a[1], a[2])))),
          entry(
              "path_filestat_get",
              (w, m, a) -> r(w.pathFilestatGet(m, i(a[0]), i(a[1]), s(m, a[2], a[3]), i(a[4])))),
          entry(
              "path_filestat_set_times",
              (w, m, a) ->
                  r(
                      w.pathFilestatSetTimes(
                          i(a[0]), i(a[1]), s(m, a[2], a[3]), a[4], a[5], i(a[6])))),
          entry(
              "path_link",
              (w, m, a) ->
                  r(w.pathLink(i(a[0]), i(a[1]), s(m, a[2], a[3]), i(a[4]), s(m, a[5], a[6])))),
          entry(
              "path_open",
              (w, m, a) ->
                  r(
                      w.pathOpen(
                          m,
                          i(a[0]),
                          i(a[1]),
                          s(m, a[2], a[3]),
                          i(a[4]),
                          a[5],
                          a[6],
                          i(a[7]),
                          i(a[8])))),
          entry(
              "path_readlink",
              (w, m, a) ->
                  r(w.pathReadlink(m, i(a[0]), s(m, a[1], a[2]), i(a[3]), i(a[4]), i(a[5])))),
          entry(
              "path_remove_directory",
              (w, m, a) -> r(w.pathRemoveDirectory(i(a[0]), s(m, a[1], a[2])))),
          entry(
              "path_rename",
              (w, m, a) -> r(w.pathRename(i(a[0]), s(m, a[1], a[2]), i(a[3]), s(m, a[4], a[5])))),
          entry(
              "path_symlink",
              (w, m, a) -> r(w.pathSymlink(s(m, a[0], a[1]), i(a[2]), s(m, a[3], a[4])))),
          entry("path_unlink_file", (w, m, a) -> r(w.pathUnlinkFile(i(a[0]), s(m, a[1], a[2])))),
          entry("poll_oneoff", (w, m, a) -> r(w.pollOneoff(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])))),
          entry(
              "proc_exit",
              (w, m, a) -> {
                w.procExit(i(a[0]));
                return null;
              }),
          entry("proc_raise", (w, m, a) -> r(w.procRaise(i(a[0])))),
          entry("random_get", (w, m, a) -> r(w.randomGet(m, i(a[0]), i(a[1])))),
          entry("sched_yield", (w, m, a) -> r(w.schedYield())),
          entry("sock_accept", (w, m, a) -> r(w.sockAccept(i(a[0]), i(a[1]), i(a[2])))),
          entry(
              "sock_recv",
              (w, m, a) -> r(w.sockRecv(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5])))),
          entry(
              "sock_send", (w, m, a) -> r(w.sockSend(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4])))),
          entry("sock_shutdown", (w, m, a) -> r(w.sockShutdown(i(a[0]), i(a[1])))));
}
