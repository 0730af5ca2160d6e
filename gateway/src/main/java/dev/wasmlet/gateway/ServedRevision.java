package dev.wasmlet.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One revision of an app, loaded and ready to take traffic. Requests {@link #enter} before they use
 * it and {@link #exit} after; {@link #retire} waits for those in flight before the components are
 * closed, so a request that started on a revision always finishes on it.
 */
public final class ServedRevision {
  private final String appName;
  private final int number;
  private final ServedApp served;
  private final RevisionStats stats = new RevisionStats();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean retiring = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  public ServedRevision(String appName, int number, ServedApp served) {
    this.appName = appName;
    this.number = number;
    this.served = served;
  }

  public String appName() {
    return appName;
  }

  public int number() {
    return number;
  }

  public ServedApp served() {
    return served;
  }

  public RevisionStats stats() {
    return stats;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public boolean isRetiring() {
    return retiring.get();
  }

  /**
   * Claims the revision for one request; false when it is being retired (the caller picks again
   * from the current traffic split, which no longer holds it).
   */
  boolean enter() {
    inFlight.incrementAndGet();
    if (retiring.get()) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void exit() {
    inFlight.decrementAndGet();
  }

  /**
   * Stops new requests (the caller has already taken it out of every traffic split), waits up to
   * {@code grace} for those in flight, then closes the components.
   *
   * @return the requests still in flight when the grace ran out (0 when it drained)
   */
  public int retire(Duration grace) {
    retiring.set(true);
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
    int left = inFlight.get();
    if (closed.compareAndSet(false, true)) {
      served.close();
    }
    return left;
  }

  @Override
  public String toString() {
    return appName + "@" + number;
  }
}
