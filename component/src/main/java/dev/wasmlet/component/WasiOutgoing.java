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
import javax.net.ssl.SSLHandshakeException;

/**
 * {@code wasi:http/outgoing-handler}: a guest's request, checked against the component's {@link
 * OutboundHttp} rules (anything not allowed, or no rules at all, is {@code HTTP-request-denied}),
 * sent with the JDK client once the guest has finished its body (wasi:http lets it write the body
 * after {@code handle}), and answered through {@code future-incoming-response} and {@code
 * incoming-response} with the body streamed as it arrives. Request bodies are buffered up to
 * {@value #MAX_REQUEST_BODY} bytes. Failures map to wasi:http's {@code error-code}.
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

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  /** A response on its way: sent when the body is finished, taken once by {@code get}. */
  static final class FutureResponse {
    CompletableFuture<HttpResponse<InputStream>> sent;
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
    URI uri;
    int port;
    try {
      String path = r.pathWithQuery.map(String.class::cast).orElse("/");
      uri = new URI(scheme + "://" + authority + (path.startsWith("/") ? path : "/" + path));
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
    Duration timeout = firstByteTimeout(a.length > 1 ? a[1] : null);
    FutureResponse future = new FutureResponse();
    OutboundHttp http = out.get();
    Runnable send =
        () -> {
          byte[] body = r.body == null ? new byte[0] : r.body.buffered();
          future.sent = send(http, r, uri, scheme, timeout, body);
        };
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
  private static CompletableFuture<HttpResponse<InputStream>> send(
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
    return f.whenComplete((resp, err) -> http.release());
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
      HttpResponse<InputStream> r = f.sent.join();
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
      return Optional.of(
          WitVariant.ok(
              WitVariant.ok(
                  new IncomingResponse(r.statusCode(), new HttpFields(headers, true), r.body()))));
    } catch (RuntimeException e) {
      return Optional.of(WitVariant.ok(WitVariant.err(errorCode(e))));
    }
  }

  private static WitVariant errorCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LimitReached) {
        return new WitVariant(CONNECTION_LIMIT_REACHED, null);
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
