package dev.wasmlet.gateway;

import dev.wasmlet.app.Executor;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.component.HttpExchange;
import dev.wasmlet.component.SelfHandler;
import dev.wasmlet.component.SelfLoopDetected;
import dev.wasmlet.engine.WagiExecutor;
import dev.wasmlet.engine.WagiRequest;
import dev.wasmlet.engine.WagiResponse;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a guest's self requests ({@link SelfHandler}) through its own app, in process: on the
 * revision serving the caller, under the app's routing prefix, with the route's component, limits,
 * fresh instance and error answers, as a request from a client is served, but without a socket.
 *
 * <p>Two things differ from a client's request. A self request takes no admission or guest slot:
 * its caller holds one while it waits, and a chain deeper than the slots would otherwise wait on
 * itself; the caller component's in-flight cap bounds how many run at once. And a chain of self
 * requests is at most {@value #MAX_DEPTH} deep: the next one is refused with {@link
 * SelfLoopDetected} (the guest sees {@code loop-detected}), so a guest that calls itself without
 * end fails fast instead of filling the server.
 */
final class SelfDispatch implements SelfHandler {
  /** How many self requests may be chained below a client's request. */
  static final int MAX_DEPTH = 8;

  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.gateway");
  private static final WagiExecutor WAGI = new WagiExecutor();
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);

  private final ServedRevision revision;
  private final AppRouting routing;
  private final String scheme;
  private final String authority;
  private final GatewayEvents events;
  private final String requestId;
  private final int depth;

  private SelfDispatch(
      ServedRevision revision,
      AppRouting routing,
      String scheme,
      String authority,
      GatewayEvents events,
      String requestId,
      int depth) {
    this.revision = revision;
    this.routing = routing;
    this.scheme = scheme;
    this.authority = authority;
    this.events = events;
    this.requestId = requestId;
    this.depth = depth;
  }

  /**
   * The self handler of a client's request: its self requests go to {@code revision}, as if sent to
   * the scheme and authority that request was sent to.
   */
  static SelfDispatch of(
      ServedRevision revision,
      AppRouting routing,
      HttpExchange origin,
      GatewayEvents events,
      String requestId) {
    return new SelfDispatch(
        revision, routing, origin.scheme(), origin.authority(), events, requestId, 0);
  }

  @Override
  public Response handle(Request request) {
    int next = depth + 1;
    String id = requestId + "-self" + next;
    if (next > MAX_DEPTH) {
      LOG.warn(
          "app \"{}\": self request {} {} refused ({}): it would be the {}th in a chain, at most {}"
              + " may be chained; does a route call itself?",
          revision.appName(),
          request.method(),
          request.pathWithQuery(),
          requestId,
          next,
          MAX_DEPTH);
      throw new SelfLoopDetected(
          "self request to "
              + request.pathWithQuery()
              + " refused: at most "
              + MAX_DEPTH
              + " self requests may be chained");
    }
    if (!revision.enter()) {
      return error(new RequestRejected(503, "Service Unavailable (shutting down)"), id);
    }
    long start = System.nanoTime();
    Response response;
    Outcome outcome = Outcome.ANSWERED;
    try {
      response = serve(request, id);
    } catch (RuntimeException e) {
      outcome = WagiHandler.outcomeOf(e);
      response = error(e, id);
    } finally {
      revision.exit();
    }
    long nanos = System.nanoTime() - start;
    revision.stats().record(response.status(), nanos);
    events.requestDone(revision.appName(), revision.number(), response.status(), nanos, outcome);
    return response;
  }

  /** The handler a guest serving one of this handler's requests gets: one self request deeper. */
  SelfDispatch next() {
    return new SelfDispatch(revision, routing, scheme, authority, events, requestId, depth + 1);
  }

  private Response serve(Request request, String id) {
    String rawPath = request.pathWithQuery();
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    if (!routing.matchesPath(path)) {
      throw new RequestRejected(404, "Not Found");
    }
    ServedApp app = revision.served();
    RouteMatch match =
        app.route(routing.appPath(path)).orElseThrow(() -> new RequestRejected(404, "Not Found"));
    LockedRoute route = match.route();
    LockedComponent locked = app.locked(route.componentId());
    if (request.body().length > locked.limits().maxRequestBodyBytes()) {
      throw new RequestRejected(413, "Content Too Large");
    }
    String base = routing.prefix().equals("/") ? "" : routing.prefix();
    try (GuestLog log =
        new GuestLog(revision.appName(), revision.number(), route.componentId(), id, events)) {
      events.instanceStarted(revision.appName(), revision.number());
      if (route.executor() == Executor.WASI_HTTP) {
        MemoryExchange exchange = new MemoryExchange(request, match, base, scheme, authority);
        ComponentRun.Answer out = ComponentRun.serve(app, route, locked, exchange, log, next());
        out.cutShort()
            .ifPresent(
                why ->
                    LOG.warn(
                        "component {} failed after responding ({}): {}",
                        route.componentId(),
                        id,
                        why));
        return exchange.response(out.cutShort());
      }
      WagiResponse out =
          WAGI.handle(app.component(route), wagi(request, match, base, path, query), log);
      List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
      out.headers()
          .forEach(
              h ->
                  headers.add(
                      Map.entry(
                          h.getKey().toLowerCase(Locale.ROOT),
                          h.getValue().getBytes(StandardCharsets.ISO_8859_1))));
      return new Response(out.status(), headers, new ByteArrayInputStream(out.body()));
    }
  }

  private WagiRequest wagi(
      Request request, RouteMatch match, String base, String path, String query) {
    LockedRoute route = match.route();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, byte[]> h : request.headers()) {
      if (!h.getKey().equalsIgnoreCase("host")) {
        headers.add(Map.entry(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1)));
      }
    }
    headers.add(Map.entry("host", authority));
    String host = authority.replaceFirst(":[0-9]*$", "");
    return new WagiRequest(
        request.method(),
        path,
        query,
        base + route.route(),
        base + route.pattern().prefix(),
        match.pathInfo(),
        headers,
        request.body(),
        "127.0.0.1",
        host,
        0,
        scheme,
        "HTTP/1.1",
        route.wagi().argv(path, query),
        SpinVariables.of(match, base, LOCAL));
  }

  /** A failure as the generic error answer a client would get, logged once. */
  private Response error(RuntimeException e, String id) {
    ErrorResponses.Generic g = ErrorResponses.of(e, revision.appName(), id);
    byte[] body = g.body(id);
    return new Response(
        g.status(),
        List.of(
            Map.entry("content-type", "text/plain; charset=utf-8".getBytes(StandardCharsets.UTF_8)),
            Map.entry("x-request-id", id.getBytes(StandardCharsets.UTF_8)),
            Map.entry(
                "content-length", String.valueOf(body.length).getBytes(StandardCharsets.UTF_8))),
        new ByteArrayInputStream(body));
  }
}
