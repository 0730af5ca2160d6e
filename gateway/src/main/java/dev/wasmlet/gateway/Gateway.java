package dev.wasmlet.gateway;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge for the apps of an {@link AppTable}, on Helidon SE's WebServer (a virtual thread
 * per request, which suits a blocking guest call). HTTP/1.1 keep-alive, bounded headers and bodies,
 * slow-client timeouts, and a shutdown that drains in-flight requests.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final AppTable apps;
  private final GatewayConfig config;
  private final WagiHandler handler;
  private final WebServer server;
  private final Runnable onClose;

  private Gateway(
      AppTable apps, GatewayConfig config, GatewayEvents events, long maxBody, Runnable onClose) {
    this.apps = apps;
    this.config = config;
    this.onClose = onClose;
    this.handler = new WagiHandler(apps, config, events);
    this.server =
        WebServer.builder()
            .host(config.host())
            .port(config.port())
            .maxPayloadSize(maxBody)
            .idleConnectionTimeout(config.idleTimeout())
            .shutdownGracePeriod(config.shutdownGrace())
            // We drain in our own order (refuse new, finish in flight, then close); Helidon's
            // own hook would close the listener first.
            .shutdownHook(false)
            // No Nagle: a streamed (chunked) response ends with a small last chunk that would
            // otherwise wait for the client's delayed ACK (40 ms per request on Linux).
            .connectionOptions(o -> o.readTimeout(config.readTimeout()).tcpNoDelay(true))
            .addProtocol(
                Http1Config.builder()
                    .maxHeadersSize(config.maxHeaderBytes())
                    .maxPrologueLength(Math.min(8192, config.maxHeaderBytes()))
                    .build())
            .routing(HttpRouting.builder().any(handler))
            .build();
  }

  /**
   * Serves one app on every host and path, all its traffic on one revision (how {@code wasmlet up}
   * runs). Closing the gateway closes the app.
   */
  public static Gateway start(ServedApp app, GatewayConfig config) {
    AppTable table = new AppTable();
    HostedApp hosted =
        new HostedApp(
            app.app().name(),
            AppRouting.everything(),
            new AdmissionLimits(config.guestSlots(), 100_000));
    hosted.route(TrafficSplit.all(new ServedRevision(app.app().name(), 0, app)));
    table.put(hosted);
    long maxBody =
        app.app().components().values().stream()
            .mapToLong(c -> c.limits().maxRequestBodyBytes())
            .max()
            .orElse(0);
    return start(new Gateway(table, config, GatewayEvents.NONE, maxBody, app::close));
  }

  /**
   * Serves whatever apps the table holds now or later (how {@code wasmlet server} runs). Bodies are
   * bounded per component, not by the listener.
   */
  public static Gateway start(AppTable apps, GatewayConfig config, GatewayEvents events) {
    return start(new Gateway(apps, config, events, -1, () -> {}));
  }

  private static Gateway start(Gateway g) {
    GatewayConfig config = g.config;
    try {
      g.server.start();
      if (!g.server.isRunning() || g.server.port() <= 0) {
        // Helidon logs a bind failure and stops instead of throwing.
        throw new IllegalStateException("the listener did not start (address in use?)");
      }
    } catch (RuntimeException e) {
      throw new GatewayException(
          "cannot listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage()
              + "; is another server using that port? pick another with --listen",
          e);
    }
    return g;
  }

  /** The port actually bound (useful when the config asked for 0). */
  public int port() {
    return server.port();
  }

  public AppTable apps() {
    return apps;
  }

  public GatewayConfig config() {
    return config;
  }

  /** Guests running right now (at most the configured guest slots). */
  public int guestsRunning() {
    return handler.guestsRunning();
  }

  /** Requests currently being served. */
  public int inFlight() {
    return handler.inFlight();
  }

  /**
   * Stops accepting new work (new requests get 503), waits up to the grace period for in-flight
   * requests to finish, then closes the listener.
   */
  public void stop() {
    handler.drain();
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (handler.inFlight() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    if (handler.inFlight() > 0) {
      LOG.warn("shutting down with {} requests still in flight", handler.inFlight());
    }
    server.stop();
  }

  @Override
  public void close() {
    stop();
    onClose.run();
  }
}
