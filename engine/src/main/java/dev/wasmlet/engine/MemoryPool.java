package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Recycles the linear memories of finished instances of one component, so a request does not
 * allocate (and the JVM zero) its initial pages afresh. Only a memory still at its initial size is
 * taken back, and it is wiped before it is pooled; Chicory wipes it again and re-applies the data
 * segments when the next instance initialises, so a recycled memory is indistinguishable from a new
 * one (the counter fixture's test guards that).
 */
final class MemoryPool {
  private final MemoryLimits limits;
  private final ArrayBlockingQueue<ByteArrayMemory> free;

  MemoryPool(MemoryLimits limits, int capacity) {
    this.limits = limits;
    this.free = new ArrayBlockingQueue<>(capacity);
  }

  /** A memory for a new instance: a recycled one when available. */
  Memory take(MemoryLimits requested) {
    if (!requested.equals(limits)) {
      return new ByteArrayMemory(requested);
    }
    ByteArrayMemory m = free.poll();
    return m != null ? m : new ByteArrayMemory(limits);
  }

  /** Takes a finished instance's memory back when it is still at its initial size. */
  void release(Memory memory) {
    if (memory instanceof ByteArrayMemory m && m.pages() == limits.initialPages()) {
      free.offer(m);
    }
  }
}
