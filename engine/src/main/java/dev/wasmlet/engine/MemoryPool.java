package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The linear memories of one component's finished instances, restored to the component's {@link
 * MemoryImage} and kept for the next request: a request pays for the chunks the previous one wrote,
 * not for the memory's size. A memory comes back only through {@link #release}, which resets it
 * first, so a pooled memory is always exactly the image (the isolation tests guard that).
 *
 * <p>The most recently used memory is taken first, so the ones a burst needed and the app no longer
 * does sink to the bottom, where {@link #trim} drops them once idle: an app that stops serving
 * keeps no memory but its image (scale to zero), one probed now and then keeps one.
 */
final class MemoryPool {
  private final MemoryImage image;
  private final MemoryLimits limits;
  private final int capacity;

  /** Reset memories, the most recently released first, with when they were released. */
  private final Deque<Idle> free = new ArrayDeque<>();

  private record Idle(ResettableMemory memory, long since) {}

  MemoryPool(MemoryImage image, MemoryLimits limits, int capacity) {
    this.image = image;
    this.limits = limits;
    this.capacity = capacity;
  }

  /** A memory for a new instance: a pooled one when available, else a new one on the image. */
  Memory take(MemoryLimits requested) {
    if (!requested.equals(limits)) {
      return new ByteArrayMemory(requested); // not the module's first memory
    }
    Idle idle;
    synchronized (free) {
      idle = free.pollFirst();
    }
    return idle != null ? idle.memory() : new ResettableMemory(image, limits);
  }

  /** A memory on the image that is never pooled (a readiness check's instance). */
  Memory fresh(MemoryLimits requested) {
    return requested.equals(limits)
        ? new ResettableMemory(image, limits)
        : new ByteArrayMemory(requested);
  }

  /** Restores a finished instance's memory to the image and keeps it, if there is room. */
  void release(Memory memory) {
    if (!(memory instanceof ResettableMemory m)) {
      return;
    }
    synchronized (free) {
      if (free.size() >= capacity) {
        return;
      }
    }
    m.reset();
    synchronized (free) {
      if (free.size() < capacity) {
        free.addFirst(new Idle(m, System.nanoTime()));
      }
    }
  }

  /** Drops the memories released before {@code cutoff} (a {@link System#nanoTime} value). */
  int trim(long cutoff) {
    int dropped = 0;
    synchronized (free) {
      while (!free.isEmpty() && free.peekLast().since() - cutoff < 0) {
        free.pollLast();
        dropped++;
      }
    }
    return dropped;
  }

  MemoryImage image() {
    return image;
  }

  /** How many restored memories wait for a request. */
  int idle() {
    synchronized (free) {
      return free.size();
    }
  }
}
