package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.function.Function;

/**
 * A parsed, validated and compiled module, shared by every thread. It holds no per-request state:
 * {@link #instantiate} builds a fresh instance with its own memory each time.
 */
public final class CompiledModule {
  private final String name;
  private final String sha256;
  private final long sizeBytes;
  private final WasmModule module;
  private final Function<Instance, Machine> machine;
  private final ModuleShape shape;

  /** The memory as instantiation leaves it; made by the first component that needs it. */
  private volatile MemoryImage image;

  CompiledModule(
      String name,
      String sha256,
      long sizeBytes,
      WasmModule module,
      Function<Instance, Machine> machine,
      ModuleShape shape) {
    this.name = name;
    this.sha256 = sha256;
    this.sizeBytes = sizeBytes;
    this.module = module;
    this.machine = machine;
    this.shape = shape;
  }

  /** The name the module was first loaded under. */
  public String name() {
    return name;
  }

  /** Lower-case hex SHA-256 of the module's bytes. */
  public String sha256() {
    return sha256;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public ModuleShape shape() {
    return shape;
  }

  /**
   * Builds a fresh, uninitialised-by-start instance with its memory capped at {@code maxPages}
   * (never unbounded: an unbounded memory sizes a 32,767-slot page table per instance).
   */
  Instance instantiate(ImportValues imports, int maxPages) {
    return instantiate(imports, memoryLimits(maxPages), ByteArrayMemory::new);
  }

  /** Builds an instance whose memory comes from the given factory (e.g. a {@link MemoryPool}). */
  Instance instantiate(
      ImportValues imports, MemoryLimits limits, Function<MemoryLimits, Memory> memories) {
    return Instance.builder(module)
        .withMachineFactory(machine)
        .withImportValues(imports)
        .withMemoryFactory(memories)
        .withMemoryLimits(limits)
        .withStart(false)
        .build();
  }

  /**
   * The module's memory image, made by {@code capture} the first time it is asked for and then
   * shared by every component of this module (an image is zero plus the data segments, the same for
   * every instance, before any start function runs). A failed capture is not kept.
   */
  MemoryImage image(java.util.function.Supplier<MemoryImage> capture) {
    MemoryImage made = image;
    if (made == null) {
      synchronized (this) {
        made = image;
        if (made == null) {
          made = capture.get();
          image = made;
        }
      }
    }
    return made;
  }

  /** The memory limits an instance gets under a cap of {@code maxPages}. */
  MemoryLimits memoryLimits(int maxPages) {
    int max = Math.min(maxPages, shape.declaredMaxPages());
    return new MemoryLimits(shape.initialPages(), Math.max(max, shape.initialPages()));
  }
}
