package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The linear memories of one component's finished instances, restored to the component's {@link
 * MemoryImage} and kept for the next request: a request pays for the chunks the previous one wrote,
 * not for the memory's size. A memory comes back only through {@link #release}, which resets it
 * first, so a pooled memory is always exactly the image (the isolation tests guard that).
 */
final class MemoryPool {
  private final MemoryImage image;
  private final MemoryLimits limits;
  private final ArrayBlockingQueue<ResettableMemory> free;

  MemoryPool(MemoryImage image, MemoryLimits limits, int capacity) {
    this.image = image;
    this.limits = limits;
    this.free = new ArrayBlockingQueue<>(capacity);
  }

  /** A memory for a new instance: a pooled one when available, else a new one on the image. */
  Memory take(MemoryLimits requested) {
    if (!requested.equals(limits)) {
      return new ByteArrayMemory(requested); // not the module's first memory
    }
    ResettableMemory m = free.poll();
    return m != null ? m : new ResettableMemory(image, limits);
  }

  /** A memory on the image that is never pooled (a readiness check's instance). */
  Memory fresh(MemoryLimits requested) {
    return requested.equals(limits)
        ? new ResettableMemory(image, limits)
        : new ByteArrayMemory(requested);
  }

  /** Restores a finished instance's memory to the image and keeps it, if there is room. */
  void release(Memory memory) {
    if (memory instanceof ResettableMemory m && free.remainingCapacity() > 0) {
      m.reset();
      free.offer(m);
    }
  }

  MemoryImage image() {
    return image;
  }

  /** How many restored memories wait for a request. */
  int idle() {
    return free.size();
  }
}
