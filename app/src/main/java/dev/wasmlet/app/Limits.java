package dev.wasmlet.app;

import java.time.Duration;

/** A component's resource limits; breaking one ends that request, never the server. */
public record Limits(
    long maxMemoryBytes, Duration timeout, long maxRequestBodyBytes, long maxResponseBytes) {
  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;
  static final long GIB = 1024 * MIB;

  /** 128 MiB of memory, 30 s, a 10 MiB request body and a 64 MiB response. */
  public static Limits defaults() {
    return new Limits(128 * MIB, Duration.ofSeconds(30), 10 * MIB, 64 * MIB);
  }
}
