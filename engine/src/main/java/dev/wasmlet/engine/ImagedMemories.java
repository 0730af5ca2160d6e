package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * Memory images for a core module instantiated outside a {@link Component} (a WebAssembly
 * component's core modules): the first instance's memory records zero plus the data segments as its
 * image; later instances get memories restored from it (copy-on-write blocks, reset in what the
 * previous request wrote), pooled up to a capacity. Thread-safe; one per core module.
 */
public final class ImagedMemories {
  private final int capacity;
  private volatile MemoryPool pool;

  /**
   * @param capacity how many reset memories to keep for the next requests
   */
  public ImagedMemories(int capacity) {
    this.capacity = capacity;
  }

  /**
   * A memory for a new instance's defined memory with {@code limits}: restored from the image once
   * there is one, else one that records it. Pass it to {@link #release} when the instance is done.
   */
  public Memory take(MemoryLimits limits) {
    if (limits.shared()) {
      return new ByteArrayMemory(limits);
    }
    MemoryPool p = pool;
    if (p != null) {
      return p.take(limits);
    }
    return ResettableMemory.capturing(limits);
  }

  /**
   * Ends an instance's use of {@code memory}: a recording memory that was initialised makes the
   * image (the first does; it is then dropped), a restored one is reset into the pool.
   */
  public void release(Memory memory) {
    if (!(memory instanceof ResettableMemory m)) {
      return;
    }
    if (m.capturing()) {
      if (pool == null && m.hasCaptured()) {
        synchronized (this) {
          if (pool == null) {
            pool = new MemoryPool(m.captured(), m.limits(), capacity);
          }
        }
      }
      return;
    }
    MemoryPool p = pool;
    if (p != null) {
      p.release(m);
    }
  }

  /**
   * Whether {@code memory} can go back to its state now by {@link #resetInPlace}: it was restored
   * from an image (not the recording one) and nothing has written to it since. A component instance
   * kept for reuse checks this right after instantiation.
   */
  public static boolean resettableInPlace(Memory memory) {
    return memory instanceof ResettableMemory m && !m.capturing() && m.pristine();
  }

  /**
   * Puts a memory that was {@link #resettableInPlace} back to its image, at the cost of the blocks
   * written since; pages grown since are dropped.
   */
  public static void resetInPlace(Memory memory) {
    ((ResettableMemory) memory).reset();
  }

  /** Whether the image has been recorded. */
  public boolean hasImage() {
    return pool != null;
  }
}
