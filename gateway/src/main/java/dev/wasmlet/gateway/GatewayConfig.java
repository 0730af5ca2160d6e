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
    return new GatewayConfig(
        "127.0.0.1",
        3000,
        16 * 1024,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        false,
        4 * Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(10));
  }

  public GatewayConfig withListen(String newHost, int newPort) {
    return new GatewayConfig(
        newHost,
        newPort,
        maxHeaderBytes,
        readTimeout,
        bodyTimeout,
        idleTimeout,
        shutdownGrace,
        accessLog,
        guestSlots,
        queueTimeout);
  }

  public GatewayConfig withBodyTimeout(Duration value) {
    return new GatewayConfig(
        host,
        port,
        maxHeaderBytes,
        readTimeout,
        value,
        idleTimeout,
        shutdownGrace,
        accessLog,
        guestSlots,
        queueTimeout);
  }

  public GatewayConfig withReadTimeout(Duration value) {
    return new GatewayConfig(
        host,
        port,
        maxHeaderBytes,
        value,
        bodyTimeout,
        idleTimeout,
        shutdownGrace,
        accessLog,
        guestSlots,
        queueTimeout);
  }

  public GatewayConfig withShutdownGrace(Duration value) {
    return new GatewayConfig(
        host,
        port,
        maxHeaderBytes,
        readTimeout,
        bodyTimeout,
        idleTimeout,
        value,
        accessLog,
        guestSlots,
        queueTimeout);
  }

  public GatewayConfig withAccessLog(boolean value) {
    return new GatewayConfig(
        host,
        port,
        maxHeaderBytes,
        readTimeout,
        bodyTimeout,
        idleTimeout,
        shutdownGrace,
        value,
        guestSlots,
        queueTimeout);
  }

  public GatewayConfig withGuestSlots(int value) {
    return new GatewayConfig(
        host,
        port,
        maxHeaderBytes,
        readTimeout,
        bodyTimeout,
        idleTimeout,
        shutdownGrace,
        accessLog,
        value,
        queueTimeout);
  }

  public GatewayConfig withQueueTimeout(Duration value) {
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
        value);
  }
}
