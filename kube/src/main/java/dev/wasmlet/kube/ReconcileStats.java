package dev.wasmlet.kube;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * How much reconciling the operator does: passes, their wall time and the slowest, printed as one
 * line per interval while there was any, so an operator's log says whether it keeps up (a thousand
 * settled WasmApps at a 5 s resync are 200 passes a second).
 */
final class ReconcileStats implements AutoCloseable {
  private final LongAdder passes = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private final AtomicLong slowest = new AtomicLong();
  private final ScheduledExecutorService printer;

  ReconcileStats(Duration interval, Consumer<String> out) {
    printer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "wasmlet-operator-stats");
              t.setDaemon(true);
              return t;
            });
    long every = interval.toMillis();
    printer.scheduleAtFixedRate(() -> print(interval, out), every, every, TimeUnit.MILLISECONDS);
  }

  /** Counts one pass that took {@code elapsedNanos}. */
  void record(long elapsedNanos) {
    passes.increment();
    nanos.add(elapsedNanos);
    slowest.accumulateAndGet(elapsedNanos, Math::max);
  }

  private void print(Duration interval, Consumer<String> out) {
    long n = passes.sumThenReset();
    long total = nanos.sumThenReset();
    long max = slowest.getAndSet(0);
    if (n == 0) {
      return;
    }
    out.accept(
        String.format(
            Locale.ROOT,
            "operator: %d reconciles in the last %d s (%.1f/s), mean %.2f ms, slowest %.1f ms",
            n,
            interval.toSeconds(),
            n / (double) interval.toSeconds(),
            total / 1e6 / n,
            max / 1e6));
  }

  @Override
  public void close() {
    printer.shutdownNow();
  }
}
