package dev.wasmlet.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the engine keeps so that tests and metrics can see what happened (a warm restart does no
 * compilation; a corrupt cache entry was caught) without timing anything.
 */
public final class EngineStats {
  private final LongAdder compilations = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final LongAdder cacheCorrupt = new LongAdder();
  private final LongAdder instances = new LongAdder();

  void compiled() {
    compilations.increment();
  }

  void cacheHit() {
    cacheHits.increment();
  }

  void cacheMiss() {
    cacheMisses.increment();
  }

  void cacheCorrupted() {
    cacheCorrupt.increment();
  }

  void instanceStarted() {
    instances.increment();
  }

  /** Modules translated to JVM bytecode by this engine (cache hits excluded). */
  public long compilations() {
    return compilations.sum();
  }

  public long cacheHits() {
    return cacheHits.sum();
  }

  public long cacheMisses() {
    return cacheMisses.sum();
  }

  /** Cache entries found corrupt, deleted and recompiled. */
  public long cacheCorrupt() {
    return cacheCorrupt.sum();
  }

  /** Fresh guest instances built. */
  public long instances() {
    return instances.sum();
  }
}
