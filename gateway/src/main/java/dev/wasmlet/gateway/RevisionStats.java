package dev.wasmlet.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts for one served revision: requests, server errors and a latency histogram with
 * fixed buckets, cheap enough to update on every request. A rollout reads a {@link Snapshot} at the
 * start of a step and compares it with one at the end.
 */
public final class RevisionStats {
  /** Upper bounds of the latency buckets in microseconds (the last bucket is open-ended). */
  static final long[] BOUNDS_MICROS = {
    100,
    250,
    500,
    1_000,
    2_500,
    5_000,
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    2_500_000,
    5_000_000,
    10_000_000,
    30_000_000,
    60_000_000
  };

  private final LongAdder requests = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_MICROS.length + 1);

  void record(int status, long nanos) {
    requests.increment();
    if (status >= 500) {
      serverErrors.increment();
    }
    long micros = nanos / 1000;
    int i = 0;
    while (i < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[i]) {
      i++;
    }
    buckets.incrementAndGet(i);
  }

  public Snapshot snapshot() {
    long[] b = new long[buckets.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = buckets.get(i);
    }
    return new Snapshot(requests.sum(), serverErrors.sum(), b);
  }

  /** Counts at one moment; {@link #since} gives those of a window. */
  @SuppressWarnings("ArrayRecordComponent")
  public record Snapshot(long requests, long serverErrors, long[] buckets) {
    public Snapshot since(Snapshot earlier) {
      long[] b = new long[buckets.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = buckets[i] - earlier.buckets[i];
      }
      return new Snapshot(requests - earlier.requests, serverErrors - earlier.serverErrors, b);
    }

    public double errorRate() {
      return requests == 0 ? 0 : (double) serverErrors / requests;
    }

    /**
     * The upper bound of the bucket holding the 99th percentile (an over-estimate, never under).
     */
    public Duration p99() {
      long total = 0;
      for (long c : buckets) {
        total += c;
      }
      if (total == 0) {
        return Duration.ZERO;
      }
      long rank = (long) Math.ceil(total * 0.99);
      long seen = 0;
      for (int i = 0; i < buckets.length; i++) {
        seen += buckets[i];
        if (seen >= rank) {
          return i < BOUNDS_MICROS.length
              ? Duration.ofNanos(BOUNDS_MICROS[i] * 1000)
              : Duration.ofSeconds(Long.MAX_VALUE / 2);
        }
      }
      return Duration.ZERO;
    }
  }
}
