package dev.wasmlet.gateway;

import dev.wasmlet.app.Executor;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.engine.GuestFailed;
import dev.wasmlet.engine.WagiExecutor;
import dev.wasmlet.engine.WagiRequest;
import dev.wasmlet.engine.WagiResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves every request: find the app by host and path, pick a revision from its traffic split,
 * bound the body, admit (per app, then globally), run the guest, write its response.
 */
final class WagiHandler implements Handler {
  static final String HEALTH_PATH = "/.well-known/wasmlet/health";
  private static final Logger ACCESS = LoggerFactory.getLogger("wasmlet.access");
  private static final byte[] OK = "OK\n".getBytes(StandardCharsets.UTF_8);

  /** Response headers the server owns; a guest's copy is dropped. */
  private static final Set<String> SERVER_OWNED =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

  private final AppTable apps;
  private final GatewayConfig config;
  private final GatewayEvents events;
  private final WagiExecutor executor = new WagiExecutor();
  private final RequestIds ids = new RequestIds();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * Guests are CPU-bound and never block, so running more of them than there are cores only makes
   * each wait longer; virtual threads would also serve them unfairly. A fair semaphore runs at most
   * {@code guestSlots} at once and queues the rest in arrival order.
   */
  private final Semaphore slots;

  WagiHandler(AppTable apps, GatewayConfig config, GatewayEvents events) {
    this.apps = apps;
    this.config = config;
    this.events = events;
    this.slots = new Semaphore(config.guestSlots(), true);
  }

  private void acquireSlot() {
    try {
      if (!slots.tryAcquire(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        throw new RequestRejected(503, "Service Unavailable (too busy, retry shortly)", true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestRejected(503, "Service Unavailable (shutting down)");
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  int guestsRunning() {
    return config.guestSlots() - slots.availablePermits();
  }

  void drain() {
    draining.set(true);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    String requestId = ids.next();
    res.header("X-Request-Id", requestId);
    inFlight.incrementAndGet();
    Served served = new Served();
    int status;
    Outcome outcome = Outcome.ANSWERED;
    try {
      status = serve(req, res, requestId, served);
      outcome = served.cutShort.orElse(outcome);
    } catch (RuntimeException e) {
      outcome = outcomeOf(e);
      if (served.exchange.map(HelidonExchange::responded).orElse(false)) {
        // A guest's head went out and then the server failed: the body cannot end as complete.
        LoggerFactory.getLogger("wasmlet.gateway")
            .warn("after the guest's head {}: {}", requestId, e.toString());
        status = res.status().code();
        served.cutShort = Optional.of(outcome);
      } else if (res.isSent()) {
        // The response went out and then something failed (e.g. the client went away).
        LoggerFactory.getLogger("wasmlet.gateway")
            .debug("after response {}: {}", requestId, e.toString());
        status = res.status().code();
      } else {
        status = ErrorResponses.send(res, e, served.appName(), requestId);
      }
    } finally {
      inFlight.decrementAndGet();
      MDC.remove("component");
    }
    long nanos = System.nanoTime() - start;
    if (served.revision != null) {
      served.revision.stats().record(status, nanos);
      served.revision.exit();
    }
    if (served.app != null) {
      events.requestDone(served.app.name(), served.revisionNumber(), status, nanos, outcome);
    }
    if (config.accessLog()) {
      ACCESS.info(
          "{} {} {} {}us app={} revision={} requestId={}",
          req.prologue().method().text(),
          req.path().rawPath(),
          status,
          nanos / 1000,
          served.appName(),
          served.revisionNumber(),
          requestId);
    }
    if (served.cutShort.isPresent()) {
      // No last chunk: a client must see the body as broken, not as complete.
      throw new CloseConnectionException("the guest's response body was cut short");
    }
  }

  /** What one request was served by, filled in as it is found. */
  private static final class Served {
    HostedApp app;
    ServedRevision revision;

    /** A wasi:http request's exchange, once it has one. */
    Optional<HelidonExchange> exchange = Optional.empty();

    /** Set when a wasi:http guest's body ended before it finished it: how the guest failed. */
    Optional<Outcome> cutShort = Optional.empty();

    String appName() {
      return app == null ? "-" : app.name();
    }

    int revisionNumber() {
      return revision == null ? -1 : revision.number();
    }
  }

  static Outcome outcomeOf(RuntimeException e) {
    if (e instanceof RequestRejected r) {
      return r.admission() ? Outcome.ADMISSION : Outcome.REJECTED;
    }
    if (e instanceof GuestFailed g) {
      return switch (g.kind()) {
        case TRAP -> Outcome.TRAP;
        case TIMEOUT -> Outcome.TIMEOUT;
        case MEMORY -> Outcome.MEMORY;
        case RESPONSE_TOO_LARGE -> Outcome.RESPONSE_TOO_LARGE;
        case MALFORMED_RESPONSE -> Outcome.MALFORMED_RESPONSE;
        case EXIT -> Outcome.EXIT;
        case HOST -> Outcome.HOST;
      };
    }
    return Outcome.INTERNAL;
  }

  private int serve(ServerRequest req, ServerResponse res, String requestId, Served served) {
    if (draining.get()) {
      res.header(HeaderNames.CONNECTION, "close");
      throw new RequestRejected(503, "Service Unavailable (shutting down)");
    }
    String rawPath = req.path().rawPath();
    if (rawPath.equals(HEALTH_PATH)) {
      res.header("Content-Type", "text/plain");
      res.send(OK);
      return 200;
    }
    String hostHeader = req.headers().first(HeaderNames.HOST).orElse(config.host());
    HostedApp hosted =
        apps.find(hostName(hostHeader), rawPath)
            .orElseThrow(() -> new RequestRejected(404, "Not Found"));
    served.app = hosted;
    AppRouting routing = hosted.routing();
    String appPath = routing.appPath(rawPath);
    ServedRevision revision = hosted.pick();
    served.revision = revision;
    ServedApp app = revision.served();
    Optional<RouteMatch> match = app.route(appPath);
    if (match.isEmpty()) {
      throw new RequestRejected(404, "Not Found");
    }
    LockedRoute route = match.get().route();
    MDC.put("component", route.componentId());
    LockedComponent locked = app.locked(route.componentId());
    hosted.admission().refuseIfFull();
    if (route.executor() == Executor.WASI_HTTP) {
      // The guest reads the body as it arrives; a declared length over the cap is refused first.
      long max = locked.limits().maxRequestBodyBytes();
      if (req.headers().contentLength().stream().anyMatch(n -> n > max)) {
        res413();
      }
      InputStream body =
          req.content().hasEntity()
              ? new CappedBody(
                  req.content().inputStream(),
                  max,
                  System.nanoTime() + config.bodyTimeout().toNanos())
              : InputStream.nullInputStream();
      String base = routing.prefix().equals("/") ? "" : routing.prefix();
      HelidonExchange exchange = new HelidonExchange(req, res, body, match.get(), base, hostHeader);
      served.exchange = Optional.of(exchange);
      return serveComponent(hosted, revision, app, route, locked, exchange, requestId, served);
    }
    byte[] body = readBody(req, locked.limits().maxRequestBodyBytes());
    WagiRequest wagi = toWagi(req, match.get(), routing.prefix(), body, hostHeader);
    WagiResponse out =
        runGuest(
            hosted,
            revision,
            route,
            requestId,
            log -> executor.handle(app.component(route), wagi, log));
    res.status(out.status());
    for (Map.Entry<String, String> h : out.headers()) {
      if (!SERVER_OWNED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        res.header(h.getKey(), h.getValue());
      }
    }
    res.send(out.body());
    return out.status();
  }

  /**
   * Runs one guest, whichever the executor: admitted by the app, then given a guest slot, with its
   * output going to the guest log.
   */
  private <T> T runGuest(
      HostedApp hosted,
      ServedRevision revision,
      LockedRoute route,
      String requestId,
      Function<GuestLog, T> guest) {
    hosted.admission().acquire(config.queueTimeout());
    try {
      acquireSlot();
      try (GuestLog log =
          new GuestLog(hosted.name(), revision.number(), route.componentId(), requestId, events)) {
        events.instanceStarted(hosted.name(), revision.number());
        return guest.apply(log);
      } finally {
        slots.release();
      }
    } finally {
      hosted.admission().release();
    }
  }

  /**
   * A wasi:http route: admitted like WAGI, the response streamed by the guest as it writes, and
   * ended as complete only when the guest finished it.
   */
  private int serveComponent(
      HostedApp hosted,
      ServedRevision revision,
      ServedApp app,
      LockedRoute route,
      LockedComponent locked,
      HelidonExchange exchange,
      String requestId,
      Served served) {
    SelfDispatch self = SelfDispatch.of(revision, hosted.routing(), exchange, events, requestId);
    ComponentRun.Answer out =
        runGuest(
            hosted,
            revision,
            route,
            requestId,
            log -> ComponentRun.serve(app, route, locked, exchange, log, self));
    if (out.cutShort().isPresent()) {
      // The head went out before the guest failed: the body ends where it stopped.
      LoggerFactory.getLogger("wasmlet.gateway")
          .warn(
              "component {} failed after responding ({}): {}",
              route.componentId(),
              requestId,
              out.cutShort().get());
      served.cutShort = Optional.of(out.late() ? Outcome.TIMEOUT : Outcome.TRAP);
      return out.status();
    }
    try {
      exchange.end();
    } catch (IOException e) {
      LoggerFactory.getLogger("wasmlet.gateway")
          .debug("after response {}: the client went away: {}", requestId, e.toString());
    }
    return out.status();
  }

  private WagiRequest toWagi(
      ServerRequest req, RouteMatch match, String appPrefix, byte[] body, String hostHeader) {
    LockedRoute route = match.route();
    String base = appPrefix.equals("/") ? "" : appPrefix;
    String scriptName = base + route.pattern().prefix();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Header h : req.headers()) {
      for (String v : h.allValues()) {
        headers.add(Map.entry(h.name(), v));
      }
    }
    InetSocketAddress local = (InetSocketAddress) req.localPeer().address();
    InetSocketAddress remote = (InetSocketAddress) req.remotePeer().address();
    String query = req.query().rawValue();
    String rawPath = req.path().rawPath();
    return new WagiRequest(
        req.prologue().method().text(),
        rawPath,
        query,
        base + route.route(),
        scriptName,
        match.pathInfo(),
        headers,
        body,
        remote.getAddress().getHostAddress(),
        hostName(hostHeader),
        local.getPort(),
        req.isSecure() ? "https" : "http",
        "HTTP/" + req.prologue().protocolVersion(),
        route.wagi().argv(rawPath, query),
        SpinVariables.of(match, base, remote));
  }

  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end > 0 ? hostHeader.substring(0, end + 1) : hostHeader;
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon > 0 ? hostHeader.substring(0, colon) : hostHeader;
  }

  /** Reads the body up to the component's limit, within the gateway's body deadline. */
  private byte[] readBody(ServerRequest req, long max) {
    Optional<Long> declared = req.headers().contentLength().stream().boxed().findFirst();
    if (declared.isPresent() && declared.get() > max) {
      res413();
    }
    if (!req.content().hasEntity()) {
      return new byte[0];
    }
    long deadline = System.nanoTime() + config.bodyTimeout().toNanos();
    byte[] buf = new byte[(int) Math.min(max + 1, declared.orElse(8192L) + 1)];
    int len = 0;
    try (InputStream in = req.content().inputStream()) {
      while (true) {
        if (len == buf.length) {
          if (len > max) {
            res413();
          }
          buf = java.util.Arrays.copyOf(buf, (int) Math.min(max + 1, (long) buf.length * 2));
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          break;
        }
        len += n;
        if (len > max) {
          res413();
        }
        if (System.nanoTime() > deadline) {
          throw new RequestRejected(408, "Request Timeout (the body arrived too slowly)");
        }
      }
    } catch (IOException | UncheckedIOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.SocketTimeoutException) {
          throw new RequestRejected(408, "Request Timeout (the body arrived too slowly)");
        }
      }
      throw new RequestRejected(400, "Bad Request (the body could not be read)");
    }
    return len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
  }

  private static void res413() {
    throw new RequestRejected(413, "Content Too Large");
  }
}
