package dev.wasmlet.gateway;

import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.component.HttpExchange;
import dev.wasmlet.component.SelfHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A self request as a {@code wasi:http} guest sees it, held in memory: the calling guest's method,
 * path and headers (less any {@code spin-*} or {@code host} it wrote), with the {@code host} of the
 * app's origin and the {@code spin-*} headers a request from a client gets; the response is kept
 * whole (the component's response cap bounds it) and handed to the caller once the guest is done.
 */
final class MemoryExchange implements HttpExchange {
  /** Response headers that describe a connection's framing, not the response. */
  private static final Set<String> FRAMING =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 0);

  private final SelfHandler.Request request;
  private final String scheme;
  private final String authority;
  private final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int status;
  private List<Map.Entry<String, byte[]>> responseHeaders = List.of();

  /**
   * @param scheme the scheme of the app's origin (that of the request that began the chain)
   * @param authority the authority of the app's origin
   */
  MemoryExchange(
      SelfHandler.Request request, RouteMatch match, String base, String scheme, String authority) {
    this.request = request;
    this.scheme = scheme;
    this.authority = authority;
    for (Map.Entry<String, byte[]> h : request.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!name.startsWith("spin-") && !name.equals("host")) {
        headers.add(Map.entry(name, h.getValue()));
      }
    }
    headers.add(Map.entry("host", authority.getBytes(StandardCharsets.UTF_8)));
    SpinVariables.addHeaders(
        headers, match, base, LOCAL, scheme + "://" + authority + request.pathWithQuery());
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String pathWithQuery() {
    return request.pathWithQuery();
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String authority() {
    return authority;
  }

  @Override
  public List<Map.Entry<String, byte[]>> headers() {
    return headers;
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(request.body());
  }

  @Override
  public OutputStream respond(int status, List<Map.Entry<String, byte[]>> guestHeaders) {
    this.status = status;
    this.responseHeaders =
        guestHeaders.stream()
            .filter(h -> !FRAMING.contains(h.getKey().toLowerCase(Locale.ROOT)))
            .map(h -> Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue()))
            .toList();
    return out;
  }

  /**
   * The guest's response for the caller; when the guest did not finish its body ({@code cutShort}),
   * a read past what it wrote fails with the reason, as a broken connection would.
   */
  SelfHandler.Response response(Optional<String> cutShort) {
    byte[] body = out.toByteArray();
    List<Map.Entry<String, byte[]>> head = new ArrayList<>(responseHeaders);
    if (cutShort.isEmpty()) {
      head.add(
          Map.entry(
              "content-length", String.valueOf(body.length).getBytes(StandardCharsets.UTF_8)));
      return new SelfHandler.Response(status, head, new ByteArrayInputStream(body));
    }
    String why = cutShort.get();
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("the app's response was cut short: " + why);
          }
        };
    return new SelfHandler.Response(
        status, head, new SequenceInputStream(new ByteArrayInputStream(body), broken));
  }
}
