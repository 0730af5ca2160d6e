package dev.wasmlet.engine;

import java.time.Duration;

/**
 * Per-component bounds on one guest run. Breaking one ends that request with a {@link GuestFailed},
 * never the server.
 *
 * @param maxMemoryBytes cap on linear memory (rounded down to whole 64 KiB pages)
 * @param timeout wall-clock time after which the guest's thread is interrupted
 * @param maxOutputBytes cap on what the guest may write to stdout (the response)
 */
public record GuestLimits(long maxMemoryBytes, Duration timeout, long maxOutputBytes) {
  public static final long DEFAULT_MAX_MEMORY = 128L << 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final long DEFAULT_MAX_OUTPUT = 64L << 20;

  public GuestLimits {
    if (maxMemoryBytes < ModuleShape.PAGE || maxMemoryBytes > (4L << 30)) {
      throw new IllegalArgumentException(
          "max memory must be between 64KiB and 4GiB, got " + maxMemoryBytes + " bytes");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("max output must be positive, got " + maxOutputBytes);
    }
  }

  public static GuestLimits defaults() {
    return new GuestLimits(DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT);
  }

  public GuestLimits withMaxMemoryBytes(long bytes) {
    return new GuestLimits(bytes, timeout, maxOutputBytes);
  }

  public GuestLimits withTimeout(Duration value) {
    return new GuestLimits(maxMemoryBytes, value, maxOutputBytes);
  }

  public GuestLimits withMaxOutputBytes(long bytes) {
    return new GuestLimits(maxMemoryBytes, timeout, bytes);
  }

  /** The memory cap in Wasm pages. */
  public int maxPages() {
    return (int) Math.min(65_536, maxMemoryBytes / ModuleShape.PAGE);
  }
}
