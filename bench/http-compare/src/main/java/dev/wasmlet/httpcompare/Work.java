package dev.wasmlet.httpcompare;

import java.nio.charset.StandardCharsets;

/**
 * The simulated guest call shared by all three servers: a dependent multiply/xor-shift hash chain
 * of a fixed number of iterations (no allocation, no vectorisable or removable work), run on the
 * handler thread. The iteration count is calibrated once by {@link #main} (target ~30 us on this
 * machine) and passed to every server, so all three do exactly the same work per request.
 */
public final class Work {
  public static final byte[] BODY = "Hello from Wasmlet!\n".getBytes(StandardCharsets.UTF_8);

  /** Written so the JIT cannot drop the loop. */
  public static volatile long sink;

  private Work() {}

  public static long run(long iterations, long seed) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (long i = 0; i < iterations; i++) {
      h ^= i;
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    sink = h;
    return h;
  }

  /** Iteration count from args[index], or a default calibrated on the reference machine. */
  public static long iterations(String[] args, int index) {
    return args.length > index ? Long.parseLong(args[index]) : 10_000L;
  }

  /** Prints the iteration count that takes ~targetMicros (default 30) once JIT-compiled. */
  public static void main(String[] args) {
    double targetMicros = args.length > 0 ? Double.parseDouble(args[0]) : 30.0;
    long probe = 100_000;
    for (int i = 0; i < 2_000; i++) run(probe / 10, i); // warm up / C2-compile
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 7; round++) {
      int reps = 200;
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) run(probe, i);
      double nsPerIter = (System.nanoTime() - t0) / (double) reps / probe;
      best = Math.min(best, nsPerIter);
    }
    long iters = Math.round(targetMicros * 1000.0 / best);
    // verify
    long t0 = System.nanoTime();
    for (int i = 0; i < 1000; i++) run(iters, i);
    double us = (System.nanoTime() - t0) / 1000.0 / 1000.0;
    System.err.printf("calibration: %.3f ns/iter, %d iterations = %.1f us measured%n", best, iters, us);
    System.out.println(iters);
  }
}
