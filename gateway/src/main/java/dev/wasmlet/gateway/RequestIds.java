package dev.wasmlet.gateway;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: a random per-process prefix and a counter, so ids are unique across restarts, cheap
 * to make, and sort by arrival within a process.
 */
final class RequestIds {
  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  RequestIds() {
    byte[] seed = new byte[4];
    new SecureRandom().nextBytes(seed);
    this.prefix = HexFormat.of().formatHex(seed);
  }

  String next() {
    return prefix + "-" + Long.toString(next.incrementAndGet(), 36);
  }
}
