package dev.wasmlet.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Stops guests that run past their deadline by interrupting their thread; Chicory's compiled code
 * checks for interruption at loop back-edges and on memory growth.
 */
final class Watchdog implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  Watchdog() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "wasmlet-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Arms a deadline for the current thread; close the returned guard when the guest is done. */
  Guard arm(Duration timeout) {
    Guard guard = new Guard(Thread.currentThread());
    guard.future = timer.schedule(guard::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return guard;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One armed deadline. The lock makes "fired" and "disarmed" mutually exclusive. */
  static final class Guard implements AutoCloseable {
    private final Thread thread;
    private ScheduledFuture<?> future;
    private boolean done;
    private boolean fired;

    private Guard(Thread thread) {
      this.thread = thread;
    }

    private synchronized void fire() {
      if (!done) {
        fired = true;
        thread.interrupt();
      }
    }

    /** Whether the deadline passed and the thread was interrupted. */
    synchronized boolean fired() {
      return fired;
    }

    @Override
    public void close() {
      synchronized (this) {
        done = true;
        if (fired) {
          Thread.interrupted(); // clear the flag so the worker thread can be reused
        }
      }
      future.cancel(false);
    }
  }
}
