package dev.wasmlet.component;

import dev.wasmlet.component.HttpResources.IncomingBody;
import dev.wasmlet.component.HttpResources.OutgoingRequest;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@code wasi:http/outgoing-handler}: a guest's request, checked against the component's {@link
 * OutboundHttp} rules (anything not allowed, or no rules at all, is {@code HTTP-request-denied}),
 * sent with the JDK client once the guest has finished its body (wasi:http lets it write the body
 * after {@code handle}), and answered through {@code future-incoming-response} and {@code
 * incoming-response} with the body streamed as it arrives. Request bodies are buffered up to
 * {@value #MAX_REQUEST_BODY} bytes. Failures map to wasi:http's {@code error-code}.
 *
 * <p>A request to the app itself ({@link #isSelf}: no authority, or host {@code self.alt}) never
 * leaves the process: when the rules allow it ({@link OutboundHttp#allowsSelf}) the store's {@link
 * SelfHandler} serves it through the app's own routes, else it is {@code HTTP-request-denied}, as
 * in Spin ({@code crates/factor-outbound-http/src/wasi.rs}, {@code prepare_request}).
 */
final class WasiOutgoing {
  private WasiOutgoing() {}

  static final int MAX_REQUEST_BODY = 64 << 20;

  // error-code cases, in the order of wasi:http/types
  private static final int DNS_ERROR = 1;
  private static final int CONNECTION_REFUSED = 6;
  private static final int CONNECTION_TIMEOUT = 8;
  private static final int CONNECTION_LIMIT_REACHED = 11;
  private static final int TLS_PROTOCOL_ERROR = 12;
  private static final int HTTP_REQUEST_URI_INVALID = 19;
  private static final int HTTP_RESPONSE_TIMEOUT = 33;
  private static final int LOOP_DETECTED = 36;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  /** A response on its way: sent when the body is finished, taken once by {@code get}. */
  static final class FutureResponse {
    CompletableFuture<IncomingResponse> sent;
    boolean taken;
  }

  /** An outgoing request's response head; its body is consumed once. */
  static final class IncomingResponse {
    final int status;
    final HttpFields headers;
    final InputStream body;
    boolean consumed;

    IncomingResponse(int status, HttpFields headers, InputStream body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }
  }

  static void define(HostInterface.Builder types) {
    types
        .func("[method]incoming-response.status", (s, a) -> ((IncomingResponse) a[0]).status)
        .func("[method]incoming-response.headers", (s, a) -> ((IncomingResponse) a[0]).headers)
        .func(
            "[method]incoming-response.consume",
            (s, a) -> {
              IncomingResponse r = (IncomingResponse) a[0];
              if (r.consumed) {
                return WitVariant.err(null);
              }
              r.consumed = true;
              return WitVariant.ok(new IncomingBody(new WasiInputStream(r.body)));
            })
        .func("[method]future-incoming-response.subscribe", (s, a) -> subscribe(a))
        .func("[method]future-incoming-response.get", (s, a) -> get((FutureResponse) a[0]));
  }

  static Object handle(Store s, Object[] a) {
    OutgoingRequest r = (OutgoingRequest) a[0];
    Optional<OutboundHttp> out = s.find(OutboundHttp.class);
    String scheme = r.scheme.map(v -> schemeName((WitVariant) v)).orElse("https");
    String authority = r.authority.map(String.class::cast).orElse("");
    String p = r.pathWithQuery.map(String.class::cast).orElse("/");
    String path = p.startsWith("/") ? p : "/" + p;
    Duration timeout = firstByteTimeout(a.length > 1 ? a[1] : null);
    Function<byte[], CompletableFuture<IncomingResponse>> sender;
    if (isSelf(authority)) {
      if (out.isEmpty() || !out.get().allowsSelf()) {
        return WitVariant.err(new WitVariant(WasiHttp.HTTP_REQUEST_DENIED, null));
      }
      Optional<SelfHandler> self = s.find(SelfHandler.class);
      if (self.isEmpty() || !validPath(path)) { // no self to serve it: Spin's "no origin set"
        return WitVariant.err(new WitVariant(HTTP_REQUEST_URI_INVALID, null));
      }
      sender = body -> sendToSelf(out.get(), self.get(), r, scheme, path, timeout, body);
    } else {
      URI uri;
      int port;
      try {
        uri = new URI(scheme + "://" + authority + path);
        if (uri.getHost() == null) {
          return WitVariant.err(new WitVariant(HTTP_REQUEST_URI_INVALID, null));
        }
        port = uri.getPort() >= 0 ? uri.getPort() : OutboundRule.defaultPort(scheme);
      } catch (URISyntaxException e) {
        return WitVariant.err(new WitVariant(HTTP_REQUEST_URI_INVALID, null));
      }
      if (out.isEmpty() || port < 0 || !out.get().allows(scheme, uri.getHost(), port)) {
        return WitVariant.err(new WitVariant(WasiHttp.HTTP_REQUEST_DENIED, null));
      }
      OutboundHttp http = out.get();
      sender = body -> send(http, r, uri, scheme, timeout, body);
    }
    FutureResponse future = new FutureResponse();
    Runnable send =
        () -> future.sent = sender.apply(r.body == null ? new byte[0] : r.body.buffered());
    if (r.body == null) {
      send.run();
    } else if (r.body.finished) {
      send.run();
    } else {
      r.body.limit = MAX_REQUEST_BODY;
      r.body.onFinish = send;
    }
    return WitVariant.ok(future);
  }

  /**
   * Whether a request is to the app itself, as Spin decides it: no authority, an authority with no
   * host (SDKs write {@code :443} for a relative URL), or the host {@code self.alt}.
   */
  static boolean isSelf(String authority) {
    if (authority.isEmpty() || authority.startsWith(":")) {
      return true;
    }
    int colon = authority.lastIndexOf(':');
    String host = colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
    return host.equalsIgnoreCase("self.alt");
  }

  private static boolean validPath(String path) {
    try {
      return new URI("http://self" + path).getRawPath() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The component already has its maximum of requests in flight. */
  private static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitReached() {
      super("too many outgoing requests in flight", null, false, false);
    }
  }

  /**
   * Sends the request now. The in-flight slot is taken here, not in {@code handle}, so a guest that
   * never finishes its body never holds one; it is given back when the response head arrives.
   */
  private static CompletableFuture<IncomingResponse> send(
      OutboundHttp http, OutgoingRequest r, URI uri, String scheme, Duration timeout, byte[] body) {
    if (!http.acquire()) {
      return CompletableFuture.failedFuture(new LimitReached());
    }
    CompletableFuture<HttpResponse<InputStream>> f;
    try { // a method or header the JDK client refuses fails this request, never leaks the slot
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .version(
                  scheme.equals("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
              .method(
                  methodName((WitVariant) r.method),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, byte[]> h : r.headers.entries) {
        if (!CLIENT_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          b.header(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1));
        }
      }
      f = http.client().sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IllegalArgumentException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.whenComplete((resp, err) -> http.release()).thenApply(WasiOutgoing::incoming);
  }

  /**
   * Serves a self request on a virtual thread of its own, under the same in-flight slot as a
   * request that leaves the process; the slot is given back when the called guest is done, even
   * when the caller stopped waiting for it (its first-byte timeout).
   */
  private static CompletableFuture<IncomingResponse> sendToSelf(
      OutboundHttp http,
      SelfHandler self,
      OutgoingRequest r,
      String scheme,
      String path,
      Duration timeout,
      byte[] body) {
    if (!http.acquire()) {
      return CompletableFuture.failedFuture(new LimitReached());
    }
    CompletableFuture<IncomingResponse> f = new CompletableFuture<>();
    SelfHandler.Request request =
        new SelfHandler.Request(
            methodName((WitVariant) r.method), scheme, path, r.headers.entries, body);
    try {
      Thread.ofVirtual()
          .name("wasmlet-self-request")
          .start(
              () -> {
                try {
                  SelfHandler.Response res = self.handle(request);
                  f.complete(
                      new IncomingResponse(
                          res.status(), new HttpFields(res.headers(), true), res.body()));
                } catch (RuntimeException | Error e) {
                  f.completeExceptionally(e);
                } finally {
                  http.release();
                }
              });
    } catch (RuntimeException | Error e) { // no thread: no request, and the slot goes back
      http.release();
      return CompletableFuture.failedFuture(e);
    }
    return f.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** A JDK client's response as wasi:http's incoming-response; pseudo-headers dropped. */
  private static IncomingResponse incoming(HttpResponse<InputStream> r) {
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
    r.headers()
        .map()
        .forEach(
            (k, vs) -> {
              if (!k.startsWith(":")) {
                vs.forEach(
                    v ->
                        headers.add(
                            new AbstractMap.SimpleImmutableEntry<>(
                                k.toLowerCase(Locale.ROOT),
                                v.getBytes(StandardCharsets.ISO_8859_1))));
              }
            });
    return new IncomingResponse(r.statusCode(), new HttpFields(headers, true), r.body());
  }

  private static Duration firstByteTimeout(Object options) {
    if (options instanceof Optional<?> o && o.isPresent()) {
      HttpResources.RequestOptions opts = (HttpResources.RequestOptions) o.get();
      if (opts.firstByteTimeout.isPresent()) {
        long ns = (Long) opts.firstByteTimeout.get();
        if (ns > 0) {
          return Duration.ofNanos(Math.min(ns, OutboundHttp.DEFAULT_TIMEOUT.toNanos()));
        }
      }
    }
    return OutboundHttp.DEFAULT_TIMEOUT;
  }

  private static WasiPollable subscribe(Object[] a) {
    FutureResponse f = (FutureResponse) a[0];
    return new WasiPollable(
        () -> f.sent != null && f.sent.isDone(),
        () -> {
          if (f.sent == null) {
            throw new ComponentTrap(
                "waiting for a response whose request body was never finished"
                    + " (call outgoing-body.finish first)");
          }
          try {
            f.sent.get(OutboundHttp.DEFAULT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentTrap("interrupted while waiting for an outgoing response");
          } catch (ExecutionException | TimeoutException e) {
            // get() reports it
          }
        });
  }

  /** option<result<result<incoming-response, error-code>>>. */
  private static Object get(FutureResponse f) {
    if (f.sent == null || !f.sent.isDone()) {
      return Optional.empty();
    }
    if (f.taken) {
      return Optional.of(WitVariant.err(null));
    }
    f.taken = true;
    try {
      return Optional.of(WitVariant.ok(WitVariant.ok(f.sent.join())));
    } catch (RuntimeException e) {
      return Optional.of(WitVariant.ok(WitVariant.err(errorCode(e))));
    }
  }

  private static WitVariant errorCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LimitReached) {
        return new WitVariant(CONNECTION_LIMIT_REACHED, null);
      }
      if (t instanceof SelfLoopDetected) {
        return new WitVariant(LOOP_DETECTED, null);
      }
      if (t instanceof TimeoutException) { // a self request past its first-byte timeout
        return new WitVariant(HTTP_RESPONSE_TIMEOUT, null);
      }
      if (t instanceof HttpConnectTimeoutException) {
        return new WitVariant(CONNECTION_TIMEOUT, null);
      }
      if (t instanceof HttpTimeoutException) {
        return new WitVariant(HTTP_RESPONSE_TIMEOUT, null);
      }
      if (t instanceof ConnectException) {
        return new WitVariant(CONNECTION_REFUSED, null);
      }
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return new WitVariant(
            DNS_ERROR, List.of(Optional.of("address not found"), Optional.empty()));
      }
      if (t instanceof SSLHandshakeException) {
        return new WitVariant(TLS_PROTOCOL_ERROR, null);
      }
    }
    return new WitVariant(WasiHttp.INTERNAL_ERROR, Optional.of(String.valueOf(e.getMessage())));
  }

  private static String schemeName(WitVariant v) {
    return switch (v.caseIndex()) {
      case 0 -> "http";
      case 1 -> "https";
      default -> String.valueOf(v.payload()).toLowerCase(Locale.ROOT);
    };
  }

  private static String methodName(WitVariant v) {
    String[] names = {
      "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"
    };
    return v.caseIndex() < names.length ? names[v.caseIndex()] : String.valueOf(v.payload());
  }
}
