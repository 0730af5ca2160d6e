package dev.wasmlet.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Loads modules: parses and validates them, checks they can link against what Wasmlet provides, and
 * compiles them to JVM bytecode once per SHA-256 digest. The compiled module is shared by all
 * threads; every request builds its own instance from it.
 *
 * <p>Thread-safe. One engine per process is the norm.
 */
public final class Engine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final Optional<CodeCache> cache;
  private final EngineStats stats = new EngineStats();
  private final ConcurrentHashMap<String, CompiledModule> modules = new ConcurrentHashMap<>();
  private final Watchdog watchdog = new Watchdog();
  private final PoolTrimmer trimmer = new PoolTrimmer();

  private Engine(Builder builder) {
    this.cache = builder.cacheDir.map(dir -> new CodeCache(dir, stats));
  }

  public static Builder builder() {
    return new Builder();
  }

  public EngineStats stats() {
    return stats;
  }

  /** The on-disk compiled-code cache, when one is configured. */
  public Optional<CodeCache> cache() {
    return cache;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  /**
   * Arms {@code timeout} for a guest that runs outside a {@link Component} (a WebAssembly
   * component's core instances) on the current thread.
   */
  public GuestDeadline arm(java.time.Duration timeout) {
    return watchdog.arm(timeout);
  }

  PoolTrimmer trimmer() {
    return trimmer;
  }

  /** Loads a module from a file; {@code name} identifies it in every error message. */
  public CompiledModule load(String name, Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModuleMalformed(
          "module \"" + name + "\": cannot read " + file + ": " + e.getMessage(), e);
    }
    return load(name, bytes);
  }

  /**
   * Loads a module from its bytes. The same bytes loaded twice return the same compiled module,
   * whatever the name.
   */
  public CompiledModule load(String name, byte[] bytes) {
    String digest = Digests.sha256Hex(bytes);
    CompiledModule known = modules.get(digest);
    if (known != null) {
      return known;
    }
    return modules.computeIfAbsent(digest, d -> compile(name, d, bytes));
  }

  private CompiledModule compile(String name, String digest, byte[] bytes) {
    WasmModule module = parse(name, bytes);
    ModuleShape shape = ModuleShape.check(name, module);
    Function<Instance, Machine> machine = machineFor(name, module);
    LOG.log(
        Level.DEBUG,
        "module \"{0}\" sha256:{1} ready ({2} bytes, {3} initial pages)",
        name,
        digest,
        bytes.length,
        shape.initialPages());
    return new CompiledModule(name, digest, bytes.length, module, machine, shape);
  }

  private static WasmModule parse(String name, byte[] bytes) {
    if (bytes.length < 8
        || bytes[0] != 0
        || bytes[1] != 'a'
        || bytes[2] != 's'
        || bytes[3] != 'm') {
      throw new ModuleMalformed(
          "module \""
              + name
              + "\" is not a WebAssembly module (it does not start with the \\0asm magic"
              + " bytes); point the component's source at a .wasm file");
    }
    try {
      return Parser.parse(bytes);
    } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new ModuleMalformed(
          "module \""
              + name
              + "\" is not valid WebAssembly: "
              + describe(e)
              + "; rebuild it with a wasm32-wasi toolchain",
          e);
    } catch (RuntimeException e) {
      throw new ModuleMalformed(
          "module \"" + name + "\" could not be parsed (" + describe(e) + "); is it truncated?", e);
    }
  }

  private Function<Instance, Machine> machineFor(String name, WasmModule module) {
    RecordingCache recording = cache.map(RecordingCache::new).orElse(null);
    try {
      var builder = MachineFactoryCompiler.builder(module);
      if (recording != null) {
        builder.withCache(recording);
      }
      Function<Instance, Machine> machine = builder.compile();
      if (recording == null || !recording.hit) {
        stats.compiled();
      }
      return machine;
    } catch (RuntimeException | LinkageError e) {
      if (recording != null && recording.hit) {
        // The entry passed its checksum yet its classes did not load: never trust it again.
        LOG.log(Level.WARNING, "cached code for \"" + name + "\" failed to load; recompiling", e);
        cache.get().evict(module.digest());
        stats.cacheCorrupted();
        return recompile(name, module);
      }
      throw new CompileFailed("module \"" + name + "\": compilation failed: " + describe(e), e);
    }
  }

  /**
   * Compiles after the cached entry was evicted: the cache now misses, so Chicory compiles once and
   * writes a fresh entry on its own miss path.
   */
  private Function<Instance, Machine> recompile(String name, WasmModule module) {
    try {
      Function<Instance, Machine> machine =
          MachineFactoryCompiler.builder(module)
              .withCache(new RecordingCache(cache.get()))
              .compile();
      stats.compiled();
      return machine;
    } catch (RuntimeException e) {
      throw new CompileFailed("module \"" + name + "\": compilation failed: " + describe(e), e);
    }
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }

  @Override
  public void close() {
    watchdog.close();
    trimmer.close();
    modules.clear();
  }

  /** Remembers whether Chicory found the module in the cache, to count real compilations. */
  private static final class RecordingCache implements Cache {
    private final CodeCache delegate;
    private boolean hit;

    RecordingCache(CodeCache delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(String key) throws IOException {
      byte[] data = delegate.get(key);
      hit = data != null;
      return data;
    }

    @Override
    public void putIfAbsent(String key, byte[] data) throws IOException {
      try {
        delegate.putIfAbsent(key, data);
      } catch (IOException | UncheckedIOException e) {
        // A full or read-only disk must not stop the module from serving.
        LOG.log(Level.WARNING, "could not write compiled-code cache entry for " + key, e);
      }
    }
  }

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Optional<Path> cacheDir = Optional.empty();

    private Builder() {}

    /** Persists compiled code under this directory so a restart does not recompile. */
    public Builder withCacheDir(Path dir) {
      this.cacheDir = Optional.of(dir);
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
