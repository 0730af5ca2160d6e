package dev.wasmlet.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Drops the pooled memories no request has needed for {@link #IDLE}: one daemon thread per engine,
 * waking every {@link #EVERY}, so an app that stopped serving gives its memories back to the GC. A
 * component's pool is held weakly: one that is closed and gone needs no unregistering.
 */
final class PoolTrimmer implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(5);
  static final Duration IDLE = Duration.ofSeconds(10);

  private final Set<MemoryPool> pools = Collections.newSetFromMap(new WeakHashMap<>());
  private final Thread thread;
  private volatile boolean closed;

  PoolTrimmer() {
    thread = Thread.ofPlatform().daemon().name("wasmlet-memory-trim").start(this::run);
  }

  void register(MemoryPool pool) {
    synchronized (pools) {
      pools.add(pool);
    }
  }

  void unregister(MemoryPool pool) {
    synchronized (pools) {
      pools.remove(pool);
    }
  }

  /** Trims every registered pool now; answers how many memories were dropped. */
  int trimNow(long cutoff) {
    List<MemoryPool> now;
    synchronized (pools) {
      now = new ArrayList<>(pools);
    }
    int dropped = 0;
    for (MemoryPool p : now) {
      dropped += p.trim(cutoff);
    }
    return dropped;
  }

  private void run() {
    while (!closed) {
      LockSupport.parkNanos(EVERY.toNanos());
      trimNow(System.nanoTime() - IDLE.toNanos());
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
  }
}
