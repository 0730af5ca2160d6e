package dev.wasmlet.gateway;

import java.time.Duration;

/**
 * How the HTTP edge listens and what it tolerates from clients.
 *
 * @param host address to bind, e.g. 127.0.0.1
 * @param port port to bind; 0 picks a free one
 * @param maxHeaderBytes cap on the request line plus headers (431 past it)
 * @param readTimeout how long one socket read may block before the connection is dropped
 * @param bodyTimeout how long a whole request body may take to arrive (408 past it)
 * @param idleTimeout how long a keep-alive connection may sit idle
 * @param shutdownGrace how long shutdown waits for in-flight requests to finish
 * @param accessLog whether to log one line per request
 * @param guestSlots how many guests may run at once (the rest wait in arrival order)
 * @param queueTimeout how long a request may wait for a slot before a 503
 */
public record GatewayConfig(
    String host,
    int port,
    int maxHeaderBytes,
    Duration readTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration shutdownGrace,
    boolean accessLog,
    int guestSlots,
    Duration queueTimeout) {

  public GatewayConfig {
    if (guestSlots < 1) {
      throw new IllegalArgumentException("guest slots must be at least 1, got " + guestSlots);
    }
  }

  public static GatewayConfig defaults() {
    return new Builder().build();
  }

  public GatewayConfig withListen(String newHost, int newPort) {
    Builder b = toBuilder();
    b.host = newHost;
    b.port = newPort;
    return b.build();
  }

  public GatewayConfig withBodyTimeout(Duration value) {
    Builder b = toBuilder();
    b.bodyTimeout = value;
    return b.build();
  }

  public GatewayConfig withReadTimeout(Duration value) {
    Builder b = toBuilder();
    b.readTimeout = value;
    return b.build();
  }

  public GatewayConfig withShutdownGrace(Duration value) {
    Builder b = toBuilder();
    b.shutdownGrace = value;
    return b.build();
  }

  public GatewayConfig withAccessLog(boolean value) {
    Builder b = toBuilder();
    b.accessLog = value;
    return b.build();
  }

  public GatewayConfig withGuestSlots(int value) {
    Builder b = toBuilder();
    b.guestSlots = value;
    return b.build();
  }

  public GatewayConfig withQueueTimeout(Duration value) {
    Builder b = toBuilder();
    b.queueTimeout = value;
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.maxHeaderBytes = maxHeaderBytes;
    b.readTimeout = readTimeout;
    b.bodyTimeout = bodyTimeout;
    b.idleTimeout = idleTimeout;
    b.shutdownGrace = shutdownGrace;
    b.accessLog = accessLog;
    b.guestSlots = guestSlots;
    b.queueTimeout = queueTimeout;
    return b;
  }

  /** The one place the defaults live; every {@code withX} copies through it. */
  private static final class Builder {
    private String host = "127.0.0.1";
    private int port = 3000;
    private int maxHeaderBytes = 16 * 1024;
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private boolean accessLog;
    // Guests are CPU-bound and never block: more running at once than cores only makes each wait
    // longer, and every slot costs a carrier thread (CarrierThreads), whose idle wake-ups measured
    // 3 us per request more with 2 slots per core (BENCHMARKS.md, "carriers").
    private int guestSlots = Runtime.getRuntime().availableProcessors();
    private Duration queueTimeout = Duration.ofSeconds(10);

    private GatewayConfig build() {
      return new GatewayConfig(
          host,
          port,
          maxHeaderBytes,
          readTimeout,
          bodyTimeout,
          idleTimeout,
          shutdownGrace,
          accessLog,
          guestSlots,
          queueTimeout);
    }
  }
}
