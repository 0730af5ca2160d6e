package dev.wasmlet.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops guests that run past their deadline by interrupting their thread; Chicory's compiled code
 * checks for interruption at loop back-edges and on memory growth.
 *
 * <p>One daemon thread scans the armed guards every {@link #TICK}: arming and disarming are a map
 * insert and remove, with no timer task to schedule, cancel or wake a thread for, which matters on
 * a hot path of a few microseconds. Deadlines are therefore honoured to within one tick.
 */
final class Watchdog implements AutoCloseable {
  static final Duration TICK = Duration.ofMillis(5);

  private final ConcurrentHashMap<Guard, Boolean> armed = new ConcurrentHashMap<>();
  private final Thread scanner;
  private volatile boolean closed;

  Watchdog() {
    scanner = new Thread(this::scan, "wasmlet-watchdog");
    scanner.setDaemon(true);
    scanner.start();
  }

  /** Arms a deadline for the current thread; close the returned guard when the guest is done. */
  Guard arm(Duration timeout) {
    Guard guard = new Guard(this, Thread.currentThread(), System.nanoTime() + timeout.toNanos());
    armed.put(guard, Boolean.TRUE);
    return guard;
  }

  private void scan() {
    while (!closed) {
      LockSupport.parkNanos(TICK.toNanos());
      long now = System.nanoTime();
      for (Guard g : armed.keySet()) {
        if (now - g.deadline >= 0) {
          g.fire();
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(scanner);
  }

  /** One armed deadline. The lock makes "fired" and "disarmed" mutually exclusive. */
  static final class Guard implements GuestDeadline {
    private final Watchdog owner;
    private final Thread thread;
    private final long deadline;
    private boolean done;
    private boolean fired;

    private Guard(Watchdog owner, Thread thread, long deadline) {
      this.owner = owner;
      this.thread = thread;
      this.deadline = deadline;
    }

    private synchronized void fire() {
      if (!done && !fired) {
        fired = true;
        thread.interrupt();
      }
    }

    /** Whether the deadline passed and the thread was interrupted. */
    @Override
    public synchronized boolean fired() {
      return fired;
    }

    @Override
    public void close() {
      owner.armed.remove(this);
      synchronized (this) {
        done = true;
        if (fired) {
          Thread.interrupted(); // clear the flag so the worker thread can be reused
        }
      }
    }
  }

  /** For tests: how many guards are armed. */
  int armedCount() {
    return armed.size();
  }
}
