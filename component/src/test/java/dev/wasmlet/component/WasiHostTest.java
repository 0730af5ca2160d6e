package dev.wasmlet.component;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WASI 0.2 host's cli, clocks, random, filesystem and sockets, called as a guest would call
 * them, with error-code cases looked up by name in the WIT the guests are built against.
 */
class WasiHostTest {
  private static final Path WIT = Path.of("..", "examples", "wit", "wasi-http", "deps");

  private final Linker linker = new Linker();

  @TempDir Path tmp;
  private Path mount;
  private Path outside;

  @BeforeEach
  void defineAndMount() throws IOException {
    WasiHost.define(linker);
    mount = Files.createDirectories(tmp.resolve("mount"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(mount.resolve("hello.txt"), "hello, guest", UTF_8);
    Files.createDirectories(mount.resolve("a/b"));
    Files.writeString(mount.resolve("a/b/deep.txt"), "deep", UTF_8);
    Files.writeString(outside.resolve("secret"), "host secret", UTF_8);
    Files.createSymbolicLink(mount.resolve("out"), outside);
    Files.createSymbolicLink(mount.resolve("secret-link"), outside.resolve("secret"));
    Files.createSymbolicLink(mount.resolve("inner-link"), mount.resolve("hello.txt"));
  }

  private Object call(Store store, String iface, String func, Object... args) {
    HostInterface i = linker.resolve(iface + "@0.2.0").orElseThrow();
    HostFunc f = i.func(func);
    assertThat(f).as("%s defines %s", iface, func).isNotNull();
    return f.call(store, args);
  }

  private static Store store(WasiContext c) {
    return new Store().attach(WasiContext.class, c);
  }

  private Store withMount() {
    return store(WasiContext.builder().withPreopen("/data", mount).build());
  }

  @Test
  void environmentArgumentsAndStdioComeFromTheContext() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Store s =
        store(
            WasiContext.builder()
                .withEnvironmentVariable("GREETING", "hi")
                .withEnvironmentVariable("EMPTY", "")
                .withArguments(List.of("app", "--flag"))
                .withStdin(new ByteArrayInputStream("in".getBytes(UTF_8)))
                .withStdout(out)
                .build());
    assertThat(call(s, "wasi:cli/environment", "get-environment"))
        .isEqualTo(List.of(List.of("GREETING", "hi"), List.of("EMPTY", "")));
    assertThat(call(s, "wasi:cli/environment", "get-arguments"))
        .isEqualTo(List.of("app", "--flag"));
    assertThat(call(s, "wasi:cli/environment", "initial-cwd")).isEqualTo(Optional.empty());
    WasiInputStream in = (WasiInputStream) call(s, "wasi:cli/stdin", "get-stdin");
    assertThat(in.read(10)).isEqualTo("in".getBytes(UTF_8));
    WasiOutputStream stdout = (WasiOutputStream) call(s, "wasi:cli/stdout", "get-stdout");
    stdout.write("printed".getBytes(UTF_8));
    assertThat(out.toString(UTF_8)).isEqualTo("printed");
    assertThatThrownBy(() -> stdout.write(new byte[(int) WasiContext.MAX_OUTPUT]))
        .as("stdout is capped at 1 MiB")
        .isInstanceOf(IOException.class)
        .hasMessageContaining("stdout is over its limit");
    assertThat(call(s, "wasi:cli/terminal-stdout", "get-terminal-stdout"))
        .isEqualTo(Optional.empty());
  }

  @Test
  void theDefaultContextGivesNothingAway() throws IOException {
    Store s = store(WasiContext.empty());
    assertThat((List<?>) call(s, "wasi:cli/environment", "get-environment")).isEmpty();
    assertThat((List<?>) call(s, "wasi:cli/environment", "get-arguments")).isEmpty();
    assertThat((List<?>) call(s, "wasi:filesystem/preopens", "get-directories")).isEmpty();
    assertThat(((WasiInputStream) call(s, "wasi:cli/stdin", "get-stdin")).read(10)).isNull();
  }

  @Test
  void exitEndsTheCallWithItsStatus() {
    Store s = store(WasiContext.empty());
    assertThatThrownBy(() -> call(s, "wasi:cli/exit", "exit", WitVariant.ok(null)))
        .isInstanceOfSatisfying(GuestExit.class, e -> assertThat(e.status()).isZero());
    assertThatThrownBy(() -> call(s, "wasi:cli/exit", "exit", WitVariant.err(null)))
        .isInstanceOfSatisfying(GuestExit.class, e -> assertThat(e.status()).isEqualTo(1));
    assertThatThrownBy(() -> call(s, "wasi:cli/exit", "exit-with-code", 42))
        .isInstanceOfSatisfying(GuestExit.class, e -> assertThat(e.status()).isEqualTo(42));
  }

  @Test
  void randomBytesHaveTheAskedLengthAndMoreThanOneMebibyteTraps() {
    Store s = store(WasiContext.empty());
    for (String[] f :
        List.of(
            new String[] {"wasi:random/random", "get-random-bytes"},
            new String[] {"wasi:random/insecure", "get-insecure-random-bytes"})) {
      assertThat((byte[]) call(s, f[0], f[1], 32L)).hasSize(32);
      assertThat((byte[]) call(s, f[0], f[1], 1L << 20)).hasSize(1 << 20);
      assertThatThrownBy(() -> call(s, f[0], f[1], (1L << 20) + 1))
          .isInstanceOf(ComponentTrap.class)
          .hasMessageContaining("1048577 random bytes");
      assertThatThrownBy(() -> call(s, f[0], f[1], -1L))
          .as("u64 max")
          .isInstanceOf(ComponentTrap.class)
          .hasMessageContaining("18446744073709551615");
    }
    assertThat(call(s, "wasi:random/random", "get-random-u64"))
        .isNotEqualTo(call(s, "wasi:random/random", "get-random-u64"));
    assertThat((List<?>) call(s, "wasi:random/insecure-seed", "insecure-seed"))
        .hasSize(2)
        .allMatch(Long.class::isInstance);
  }

  @Test
  void monotonicPollablesAreReadyAtTheirDeadlineAndNeverWrapAround() {
    AtomicLong clock = new AtomicLong(1_000);
    Store s = store(WasiContext.builder().withMonotonicClock(clock::get).build());
    assertThat(call(s, "wasi:clocks/monotonic-clock", "now")).isEqualTo(1_000L);
    WasiPollable p =
        (WasiPollable) call(s, "wasi:clocks/monotonic-clock", "subscribe-duration", 500L);
    WasiPollable at =
        (WasiPollable) call(s, "wasi:clocks/monotonic-clock", "subscribe-instant", 1_200L);
    WasiPollable never =
        (WasiPollable) call(s, "wasi:clocks/monotonic-clock", "subscribe-duration", -1L);
    assertThat(p.ready()).isFalse();
    assertThat(at.ready()).isFalse();
    clock.set(1_200);
    assertThat(at.ready()).isTrue();
    assertThat(p.ready()).isFalse();
    clock.set(1_500);
    assertThat(p.ready()).isTrue();
    assertThat(never.ready()).as("a u64-max duration does not wrap around").isFalse();
  }

  @Test
  void theMonotonicClockAdvancesAndBlockingWaitsForTheDeadline() {
    Store s = store(WasiContext.empty());
    long before = (Long) call(s, "wasi:clocks/monotonic-clock", "now");
    WasiPollable p =
        (WasiPollable) call(s, "wasi:clocks/monotonic-clock", "subscribe-duration", 30_000_000L);
    p.block();
    assertThat(p.ready()).isTrue();
    long after = (Long) call(s, "wasi:clocks/monotonic-clock", "now");
    assertThat(after - before).isGreaterThanOrEqualTo(30_000_000L);
  }

  @Test
  void theWallClockIsCloseToSystemTime() {
    List<?> now = (List<?>) call(store(WasiContext.empty()), "wasi:clocks/wall-clock", "now");
    long millis = (Long) now.get(0) * 1000 + (Long) now.get(1) / 1_000_000;
    assertThat(millis).isCloseTo(System.currentTimeMillis(), within(5_000L));
    assertThat((Long) now.get(1)).isBetween(0L, 999_999_999L);
  }

  private WasiDescriptor preopen(Store s) {
    List<?> dirs = (List<?>) call(s, "wasi:filesystem/preopens", "get-directories");
    assertThat(dirs).hasSize(1);
    List<?> dir = (List<?>) dirs.get(0);
    assertThat(dir.get(1)).isEqualTo("/data");
    return (WasiDescriptor) dir.get(0);
  }

  private Object fs(Store s, String method, Object... args) {
    return call(s, "wasi:filesystem/types", "[method]descriptor." + method, args);
  }

  private WitVariant openAt(
      Store s, WasiDescriptor dir, int pathFlags, String path, int open, int flags) {
    return (WitVariant) fs(s, "open-at", dir, pathFlags, path, open, flags);
  }

  @Test
  void aGuestReadsFilesAndListsDirectoriesInsideItsMount() throws IOException {
    Store s = withMount();
    WasiDescriptor root = preopen(s);
    assertThat(fs(s, "get-type", root))
        .isEqualTo(WitVariant.ok(witCase("filesystem", "descriptor-type", "directory")));
    WitVariant opened = openAt(s, root, 1, "hello.txt", 0, 1);
    assertThat(opened.caseIndex()).isZero();
    WasiDescriptor file = (WasiDescriptor) opened.payload();
    assertThat(fs(s, "get-type", file))
        .isEqualTo(WitVariant.ok(witCase("filesystem", "descriptor-type", "regular-file")));
    List<?> read = (List<?>) ((WitVariant) fs(s, "read", file, 100L, 7L)).payload();
    assertThat(new String((byte[]) read.get(0), UTF_8)).isEqualTo("guest");
    assertThat(read.get(1)).as("end of file").isEqualTo(true);
    WasiInputStream stream =
        (WasiInputStream) ((WitVariant) fs(s, "read-via-stream", file, 0L)).payload();
    assertThat(new String(stream.read(5), UTF_8)).isEqualTo("hello");
    assertThat(new String(stream.read(100), UTF_8)).isEqualTo(", guest");
    assertThat(stream.read(100)).isNull();
    List<?> stat = (List<?>) ((WitVariant) fs(s, "stat", file)).payload();
    assertThat(stat.get(2)).as("size").isEqualTo(12L);
    assertThat(((WitVariant) fs(s, "stat-at", root, 1, "a/b/deep.txt")).caseIndex()).isZero();
    WasiDescriptor inner = (WasiDescriptor) openAt(s, root, 1, "inner-link", 0, 1).payload();
    assertThat(fs(s, "is-same-object", inner, file))
        .as("a symlink inside the mount is followed")
        .isEqualTo(true);
    assertThat(fs(s, "metadata-hash", inner)).isEqualTo(fs(s, "metadata-hash", file));
    WasiDescriptor a = (WasiDescriptor) openAt(s, root, 0, "a", 2, 1).payload();
    assertThat(((WitVariant) fs(s, "read", a, 10L, 0L)).payload())
        .isEqualTo(fsError("is-directory"));
    Object entries = ((WitVariant) fs(s, "read-directory", root)).payload();
    List<Object> names = new ArrayList<>();
    while (true) {
      Optional<?> e =
          (Optional<?>)
              ((WitVariant)
                      call(
                          s,
                          "wasi:filesystem/types",
                          "[method]directory-entry-stream.read-directory-entry",
                          entries))
                  .payload();
      if (e.isEmpty()) {
        break;
      }
      names.add(((List<?>) e.get()).get(1));
    }
    assertThat(names).containsExactly("a", "hello.txt", "inner-link", "out", "secret-link");
  }

  @Test
  void pathsLeavingTheMountAreRefusedAndEncodedDotsAreJustNames() {
    Store s = withMount();
    WasiDescriptor root = preopen(s);
    int notPermitted = fsError("not-permitted");
    for (String hostile :
        List.of(
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/b/../../../mount/hello.txt",
            "out/secret",
            "secret-link",
            "out")) {
      for (int follow : new int[] {0, 1}) {
        assertThat(openAt(s, root, follow, hostile, 0, 1))
            .as("open-at %s, path-flags %d", hostile, follow)
            .isEqualTo(WitVariant.err(notPermitted));
      }
      assertThat(fs(s, "stat-at", root, 1, hostile))
          .as("stat-at " + hostile)
          .isEqualTo(WitVariant.err(notPermitted));
    }
    assertThat(fs(s, "readlink-at", root, "secret-link")).isEqualTo(WitVariant.err(notPermitted));
    assertThat(openAt(s, root, 1, "%2e%2e/x", 0, 1)).isEqualTo(WitVariant.err(fsError("no-entry")));
    assertThat(openAt(s, root, 1, "missing.txt", 0, 1))
        .isEqualTo(WitVariant.err(fsError("no-entry")));
    assertThat(openAt(s, root, 0, "inner-link", 0, 1))
        .as("a symlink not followed is O_NOFOLLOW's loop")
        .isEqualTo(WitVariant.err(fsError("loop")));
    WasiDescriptor a = (WasiDescriptor) openAt(s, root, 0, "a", 0, 1).payload();
    assertThat(openAt(s, a, 1, "../hello.txt", 0, 1))
        .as("a directory opened from the mount is a sandbox of its own")
        .isEqualTo(WitVariant.err(notPermitted));
    assertThat(openAt(s, a, 1, "b/../b/deep.txt", 0, 1).caseIndex()).isZero();
  }

  @Test
  void everyWayOfWritingIsReadOnly() {
    Store s = withMount();
    WasiDescriptor root = preopen(s);
    WitVariant readOnly = WitVariant.err(fsError("read-only"));
    for (int open : new int[] {1, 4, 8}) {
      assertThat(openAt(s, root, 1, "hello.txt", open, 1))
          .as("open-flags %d", open)
          .isEqualTo(readOnly);
      assertThat(openAt(s, root, 1, "new.txt", open, 1))
          .as("open-flags %d", open)
          .isEqualTo(readOnly);
    }
    for (int flags : new int[] {2, 3, 32}) {
      assertThat(openAt(s, root, 1, "hello.txt", 0, flags))
          .as("descriptor-flags %d", flags)
          .isEqualTo(readOnly);
    }
    WasiDescriptor file = (WasiDescriptor) openAt(s, root, 1, "hello.txt", 0, 1).payload();
    assertThat(fs(s, "write", file, new byte[] {1}, 0L)).isEqualTo(readOnly);
    assertThat(fs(s, "write-via-stream", file, 0L)).isEqualTo(readOnly);
    assertThat(fs(s, "append-via-stream", file)).isEqualTo(readOnly);
    assertThat(fs(s, "set-size", file, 0L)).isEqualTo(readOnly);
    assertThat(fs(s, "unlink-file-at", root, "hello.txt")).isEqualTo(readOnly);
    assertThat(fs(s, "rename-at", root, "hello.txt", root, "x")).isEqualTo(readOnly);
    assertThat(fs(s, "create-directory-at", root, "d")).isEqualTo(readOnly);
    assertThat(Files.exists(mount.resolve("new.txt"))).isFalse();
    assertThat(mount.resolve("hello.txt")).hasContent("hello, guest");
  }

  @Test
  void socketsAreDenied() {
    Store s = store(WasiContext.empty());
    int denied = witCase("sockets", "error-code", "access-denied");
    assertThat(call(s, "wasi:sockets/tcp-create-socket", "create-tcp-socket", 0))
        .isEqualTo(WitVariant.err(denied));
    assertThat(call(s, "wasi:sockets/udp-create-socket", "create-udp-socket", 1))
        .isEqualTo(WitVariant.err(denied));
    Object network = call(s, "wasi:sockets/instance-network", "instance-network");
    assertThat(network).isNotNull();
    assertThat(call(s, "wasi:sockets/ip-name-lookup", "resolve-addresses", network, "example.com"))
        .isEqualTo(WitVariant.err(denied));
  }

  @Test
  void everyFunctionInTheWitIsDefined() throws IOException {
    Map<String, List<String>> wit = new TreeMap<>();
    for (String pkg : List.of("cli", "clocks", "random", "filesystem", "sockets")) {
      wit.putAll(witFunctions(pkg));
    }
    wit.remove("wasi:cli/run"); // a guest export, not a host import
    assertThat(wit).containsKeys("wasi:filesystem/types", "wasi:sockets/tcp", "wasi:cli/exit");
    List<String> missing = new ArrayList<>();
    wit.forEach(
        (iface, funcs) -> {
          Optional<HostInterface> host = linker.resolve(iface + "@0.2.12");
          if (host.isEmpty()) {
            missing.add(iface);
            return;
          }
          for (String f : funcs) {
            if (host.get().func(f) == null) {
              missing.add(iface + " " + f);
            }
          }
        });
    assertThat(missing).isEmpty();
    assertThat(wit.get("wasi:filesystem/types"))
        .contains(
            "[method]descriptor.open-at", "[method]directory-entry-stream.read-directory-entry");
    assertThat(wit.get("wasi:sockets/udp")).contains("[method]udp-socket.stream");
    assertThat(wit.get("wasi:filesystem/types")).as("27 descriptor methods and 2 more").hasSize(29);
    assertThat(wit.get("wasi:sockets/tcp")).hasSize(28);
  }

  /** The functions of each interface of {@code wasi:PKG}, by their component-model names. */
  private static Map<String, List<String>> witFunctions(String pkg) throws IOException {
    Pattern func = Pattern.compile("^\\s*%?([a-z0-9-]+): (static )?func\\(");
    Pattern ctor = Pattern.compile("^\\s*constructor\\(");
    Pattern open = Pattern.compile("^\\s*(interface|resource|world)?\\s*%?([a-z0-9-]*).*\\{\\s*$");
    Map<String, List<String>> out = new TreeMap<>();
    Deque<String[]> scopes = new ArrayDeque<>();
    String iface = null;
    for (String line : Files.readAllLines(WIT.resolve(pkg + ".wit"))) {
      if (line.strip().startsWith("//")) {
        continue;
      }
      Matcher o = open.matcher(line);
      if (o.matches()) {
        String kind = o.group(1) == null ? "" : o.group(1);
        scopes.push(new String[] {kind, o.group(2)});
        if (kind.equals("interface")) {
          iface = "wasi:" + pkg + "/" + o.group(2);
          out.put(iface, new ArrayList<>());
        }
        continue;
      }
      if (line.strip().equals("}")) {
        scopes.pop();
        continue;
      }
      if (scopes.isEmpty() || !scopes.stream().anyMatch(sc -> sc[0].equals("interface"))) {
        continue;
      }
      String[] top = scopes.peek();
      Matcher f = func.matcher(line);
      if (f.find()) {
        String name = f.group(1);
        if (top[0].equals("resource")) {
          name = (f.group(2) != null ? "[static]" : "[method]") + top[1] + "." + name;
        }
        out.get(iface).add(name);
      } else if (ctor.matcher(line).find()) {
        out.get(iface).add("[constructor]" + top[1]);
      }
    }
    return out;
  }

  /** The case index of {@code label} in enum {@code name} of {@code wasi:PKG}. */
  private static int witCase(String pkg, String name, String label) {
    List<String> labels = new ArrayList<>();
    boolean in = false;
    try {
      for (String line : Files.readAllLines(WIT.resolve(pkg + ".wit"))) {
        String t = line.strip();
        if (t.equals("enum " + name + " {")) {
          in = true;
        } else if (in && t.equals("}")) {
          break;
        } else if (in && !t.startsWith("//") && !t.startsWith("@") && !t.isEmpty()) {
          labels.add(t.replace(",", "").replace("%", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(labels).as("enum %s in %s.wit", name, pkg).contains(label);
    return labels.indexOf(label);
  }

  private static int fsError(String label) {
    return witCase("filesystem", "error-code", label);
  }
}
