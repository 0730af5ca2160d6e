package dev.wasmlet.gateway;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One app's share of the guest slots: at most {@code maxConcurrency} of its guests run at once and
 * at most {@code maxQueue} of its requests wait; the next one gets 503 with Retry-After at once.
 * Waiting is bounded in count and time, so a hot app costs bounded memory and cannot take every
 * global slot from the others.
 */
public final class Admission {
  private final AdmissionLimits limits;
  private final Semaphore running;
  private final AtomicInteger waiting = new AtomicInteger();

  public Admission(AdmissionLimits limits) {
    this.limits = limits;
    this.running = new Semaphore(limits.maxConcurrency(), true);
  }

  public AdmissionLimits limits() {
    return limits;
  }

  /** Guests of this app running now. */
  public int running() {
    return limits.maxConcurrency() - running.availablePermits();
  }

  /** Requests of this app waiting for a slot now. */
  public int waiting() {
    return waiting.get();
  }

  /**
   * Refuses at once, before the body is read, when every slot is taken and the queue is full: a
   * burst against a saturated app then costs no body buffers.
   */
  void refuseIfFull() {
    if (running.availablePermits() == 0 && waiting.get() >= limits.maxQueue()) {
      throw new RequestRejected(503, "Service Unavailable (too busy, retry shortly)", true);
    }
  }

  void acquire(Duration timeout) {
    if (running.tryAcquire()) {
      return;
    }
    if (waiting.incrementAndGet() > limits.maxQueue()) {
      waiting.decrementAndGet();
      throw new RequestRejected(503, "Service Unavailable (too busy, retry shortly)", true);
    }
    try {
      if (!running.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new RequestRejected(503, "Service Unavailable (too busy, retry shortly)", true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestRejected(503, "Service Unavailable (shutting down)");
    } finally {
      waiting.decrementAndGet();
    }
  }

  void release() {
    running.release();
  }
}
