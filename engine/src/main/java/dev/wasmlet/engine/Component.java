package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compiled module prepared to run as one component: its limits, its static environment and its
 * read-only files. {@link #run} builds a fresh instance, with its own memory and WASI context, for
 * every call; nothing a guest does survives the call.
 */
public final class Component implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Component.class.getName());

  /**
   * WASI's {@code random_get}: guests seed hash tables and make keys and ids with it, so it is a
   * CSPRNG (Chicory's default is {@code ThreadLocalRandom}). Thread-safe; shared by all guests.
   */
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Initial memories above this are reported: every request pays to allocate them. */
  static final long LARGE_INITIAL_MEMORY = 16L << 20;

  private final String id;
  private final Engine engine;
  private final CompiledModule module;
  private final GuestLimits limits;
  private final Map<String, String> environment;
  private final String entrypoint;
  private final Optional<GuestFiles> files;
  private final MemoryLimits memoryLimits;
  private final GuestFailures failures;

  /** The module's WASI imports, bound to each request's context while its guest runs. */
  private final ImportValues imports;

  /** Memories restored from the module's image; empty for modules with several memories. */
  private final Optional<MemoryPool> memories;

  /** Where a request's instance gets its memory: the pool, else a new one. */
  private final Function<MemoryLimits, Memory> memorySource;

  private Component(Builder b) {
    this.id = b.id;
    this.engine = b.engine;
    this.module = b.module;
    this.limits = b.limits;
    this.environment = Map.copyOf(b.environment);
    this.entrypoint = b.entrypoint;
    ModuleShape shape = module.shape();
    if (!shape.exportedFunctions().contains(entrypoint)) {
      throw new LinkFailed(
          "component \""
              + id
              + "\": module \""
              + module.name()
              + "\" does not export the entry point \""
              + entrypoint
              + "\"; build it as a WASI command (it must export _start) or set the executor's"
              + " entrypoint to one of "
              + shape.exportedFunctions().stream().sorted().toList());
    }
    long initialBytes = shape.initialPages() * ModuleShape.PAGE;
    if (shape.initialPages() > limits.maxPages()) {
      throw new LinkFailed(
          "component \""
              + id
              + "\": module \""
              + module.name()
              + "\" needs "
              + initialBytes
              + " bytes of memory to start but its max_memory limit is "
              + limits.maxMemoryBytes()
              + " bytes; raise the limit or shrink the module's initial memory");
    }
    this.memoryLimits = module.memoryLimits(limits.maxPages());
    this.failures = new GuestFailures(id, module, limits);
    this.files =
        b.mounts.isEmpty() ? Optional.empty() : Optional.of(GuestFiles.copyOf(id, b.mounts));
    HostFunction[] functions = WasiImports.forModule(shape);
    this.imports =
        ImportValues.builder()
            .addFunction(files.isPresent() ? ReadOnlyFiles.restrict(functions) : functions)
            .build();
    if (shape.singleUnsharedMemory() && b.memoryImages) {
      MemoryImage image = module.image(this::captureImage);
      this.memories =
          Optional.of(
              new MemoryPool(image, memoryLimits, 2 * Runtime.getRuntime().availableProcessors()));
      LOG.log(
          Level.DEBUG,
          "component \"{0}\": memory image of {1} pages, {2} blocks of 4 KiB with data",
          id,
          image.initialPages(),
          image.dataBlocks());
      this.memorySource = memories.get()::take;
      engine.trimmer().register(memories.get());
    } else {
      this.memories = Optional.empty();
      this.memorySource = ByteArrayMemory::new;
      if (initialBytes > LARGE_INITIAL_MEMORY) {
        LOG.log(
            Level.WARNING,
            "component \"{0}\": module has several or shared memories, so each request"
                + " allocates its {1} MiB of linear memory afresh",
            id,
            initialBytes >> 20);
      }
    }
  }

  /**
   * Instantiates the module once to record its memory as initialisation leaves it: the image every
   * request's memory is restored to, kept by the module for all its components. A module that
   * cannot be instantiated stops here, at load.
   */
  private MemoryImage captureImage() {
    ResettableMemory[] first = new ResettableMemory[1];
    Function<MemoryLimits, Memory> factory =
        l -> {
          if (first[0] == null && l.equals(memoryLimits)) {
            first[0] = ResettableMemory.capturing(l);
            return first[0];
          }
          return new ByteArrayMemory(l);
        };
    try (GuestContext context = emptyContext();
        WasiImports.Binding bound = WasiImports.bind(context);
        Watchdog.Guard guard = engine.watchdog().arm(limits.timeout())) {
      try {
        module.instantiate(imports, memoryLimits, factory);
      } catch (ChicoryException | StackOverflowError | OutOfMemoryError e) {
        throw new LinkFailed(
            prefix()
                + "cannot be instantiated: "
                + (guard.fired() ? "its start function ran past the timeout" : Engine.describe(e)),
            e);
      }
    }
    if (first[0] == null) {
      throw new LinkFailed(prefix() + "cannot be instantiated: its memory was not created");
    }
    return first[0].captured();
  }

  /** A context with no input, output, arguments or environment: for instantiating alone. */
  private static GuestContext emptyContext() {
    WasiOptions opts =
        WasiOptions.builder()
            .withStdin(new ByteArrayInputStream(new byte[0]), false)
            .withStdout(OutputStream.nullOutputStream(), false)
            .withStderr(OutputStream.nullOutputStream(), false)
            .withRandom(RANDOM)
            .build();
    return new GuestContext(
        WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).withOptions(opts).build(),
        List.of(),
        Map.of(),
        Map.of());
  }

  public static Builder builder(Engine engine, String id, CompiledModule module) {
    return new Builder(engine, id, module);
  }

  public String id() {
    return id;
  }

  public CompiledModule module() {
    return module;
  }

  public GuestLimits limits() {
    return limits;
  }

  /**
   * Runs the entry point in a fresh instance.
   *
   * @param args the guest's argv
   * @param requestEnv variables for this call; they win over the component's static environment
   * @param stdin the guest's standard input
   * @param stderr where the guest's standard error goes (the app log)
   * @return the exit code and everything the guest wrote to stdout
   * @throws GuestFailed when the guest traps, times out, exhausts memory or writes too much
   */
  public GuestOutput run(
      List<String> args, Map<String, String> requestEnv, byte[] stdin, OutputStream stderr) {
    BoundedOutput stdout = new BoundedOutput(limits.maxOutputBytes());
    WasiOptions.Builder opts =
        WasiOptions.builder()
            .withStdin(new ByteArrayInputStream(stdin), false)
            .withStdout(stdout, false)
            .withStderr(stderr, false)
            .withRandom(RANDOM);
    files.ifPresent(f -> opts.withDirectory("/", f.root()));
    WasiPreview1 wasi =
        WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).withOptions(opts.build()).build();
    try (GuestContext context = new GuestContext(wasi, args, environment, requestEnv);
        WasiImports.Binding bound = WasiImports.bind(context)) {
      return execute(stdout);
    }
  }

  /**
   * Builds one instance without calling the entry point: proves that the module links, that its
   * memory fits the limits and that its initialisers run. What a rollout checks before a revision
   * with no health route gets traffic.
   *
   * @throws GuestFailed when the instance cannot be built
   */
  public void instantiate() {
    try (GuestContext context = emptyContext();
        WasiImports.Binding bound = WasiImports.bind(context)) {
      Instance instance = null;
      try (Watchdog.Guard guard = engine.watchdog().arm(limits.timeout())) {
        try {
          // Not pooled: an app that is deployed but never called keeps no memory (scale to zero).
          instance =
              module.instantiate(
                  imports,
                  memoryLimits,
                  memories
                      .<Function<MemoryLimits, Memory>>map(p -> l -> p.fresh(l))
                      .orElse(ByteArrayMemory::new));
        } catch (ChicoryException | StackOverflowError | OutOfMemoryError e) {
          throw failures.classify(e, instance, guard.fired());
        }
      }
    }
  }

  private GuestOutput execute(BoundedOutput stdout) {
    Instance instance = null;
    boolean reusable = true;
    try (Watchdog.Guard guard = engine.watchdog().arm(limits.timeout())) {
      try {
        instance = module.instantiate(imports, memoryLimits, memorySource);
        engine.stats().instanceStarted();
        instance.export(entrypoint).apply();
        return new GuestOutput(0, stdout.bytes());
      } catch (WasiExitException e) {
        return new GuestOutput(e.exitCode(), stdout.bytes());
      } catch (ExecutionCompletedException e) {
        return new GuestOutput(0, stdout.bytes());
      } catch (ChicoryException | StackOverflowError | OutOfMemoryError e) {
        // An error thrown inside the memory's bookkeeping could leave it inconsistent: drop it.
        reusable = e instanceof ChicoryException;
        throw failures.classify(e, instance, guard.fired());
      } catch (BoundedOutput.OutputLimitExceeded e) {
        throw failures.tooLarge();
      } catch (RuntimeException e) {
        if (GuestFailures.causedBy(e, BoundedOutput.OutputLimitExceeded.class)) {
          throw failures.tooLarge();
        }
        if (guard.fired()) {
          throw failures.timedOut();
        }
        throw new GuestFailed(
            GuestFailed.Kind.HOST, prefix() + "host failure: " + Engine.describe(e), e);
      } finally {
        if (reusable && instance != null && instance.memory() != null && memories.isPresent()) {
          memories.get().release(instance.memory());
        }
      }
    }
  }

  /** The pool of this component's reset memories; empty on the old path. */
  Optional<MemoryPool> memoryPool() {
    return memories;
  }

  /** The image this component's memories are restored to; empty on the old path. */
  Optional<MemoryImage> memoryImage() {
    return memories.map(MemoryPool::image);
  }

  /** Instantiates without running anything (the start section aside): for benchmarks. */
  Instance instantiateOnly() {
    return module.instantiate(imports, memoryLimits, memorySource);
  }

  /** Gives an {@link #instantiateOnly} instance's memory back, as a request's end does. */
  void recycle(Instance instance) {
    memories.ifPresent(p -> p.release(instance.memory()));
  }

  private String prefix() {
    return failures.prefix();
  }

  @Override
  public void close() {
    memories.ifPresent(engine.trimmer()::unregister);
    files.ifPresent(GuestFiles::close);
  }

  /** Configures a {@link Component}. */
  public static final class Builder {
    private final Engine engine;
    private final String id;
    private final CompiledModule module;
    private GuestLimits limits = GuestLimits.defaults();
    private Map<String, String> environment = Map.of();
    private List<Mount> mounts = List.of();
    private String entrypoint = "_start";
    private boolean memoryImages = true;

    private Builder(Engine engine, String id, CompiledModule module) {
      this.engine = engine;
      this.id = id;
      this.module = module;
    }

    public Builder withLimits(GuestLimits limits) {
      this.limits = limits;
      return this;
    }

    public Builder withEnvironment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    public Builder withMounts(List<Mount> mounts) {
      this.mounts = List.copyOf(mounts);
      return this;
    }

    public Builder withEntrypoint(String entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    /**
     * Off: every request allocates a new memory that Chicory zeroes and initialises (the behaviour
     * before memory images), for benchmarks that measure what images save.
     */
    Builder withMemoryImages(boolean on) {
      this.memoryImages = on;
      return this;
    }

    /**
     * Checks the module can run as this component and copies its files.
     *
     * @throws LinkFailed when the entry point is missing or memory needs exceed the limit
     */
    public Component build() {
      return new Component(this);
    }
  }
}
