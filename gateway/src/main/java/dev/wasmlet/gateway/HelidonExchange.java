package dev.wasmlet.gateway;

import dev.wasmlet.app.RouteMatch;
import dev.wasmlet.component.HttpExchange;
import io.helidon.http.Header;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request as a {@code wasi:http} guest sees it, over Helidon: the body read as it arrives ({@link
 * CappedBody}), the headers with Spin's {@code spin-*} headers added (as Spin's HTTP trigger adds
 * them for components), and a response whose body streams to the client as the guest writes it
 * (chunked, since the server owns framing and drops a guest's content-length), ended by the gateway
 * only when the guest finished ({@link StreamedBody}).
 */
final class HelidonExchange implements HttpExchange {
  /** Response headers the server owns; a guest's copy is dropped. */
  private static final Set<String> SERVER_OWNED =
      Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "upgrade");

  private final ServerRequest req;
  private final ServerResponse res;
  private final InputStream body;
  private final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
  private final String authority;
  private StreamedBody responseBody;

  HelidonExchange(
      ServerRequest req,
      ServerResponse res,
      InputStream body,
      RouteMatch match,
      String base,
      String authority) {
    this.req = req;
    this.res = res;
    this.body = body;
    this.authority = authority;
    for (Header h : req.headers()) {
      String name = h.name().toLowerCase(Locale.ROOT);
      if (name.startsWith("spin-")) {
        continue; // a client must not forge what the host tells the guest
      }
      for (String v : h.allValues()) {
        headers.add(Map.entry(name, v.getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    InetSocketAddress remote = (InetSocketAddress) req.remotePeer().address();
    SpinVariables.addHeaders(
        headers, match, base, remote, scheme() + "://" + authority + pathWithQuery());
  }

  @Override
  public String method() {
    return req.prologue().method().text();
  }

  @Override
  public String pathWithQuery() {
    String query = req.query().rawValue();
    return req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
  }

  @Override
  public String scheme() {
    return req.isSecure() ? "https" : "http";
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
    return body;
  }

  @Override
  public OutputStream respond(int status, List<Map.Entry<String, byte[]>> guestHeaders) {
    res.status(Status.create(status));
    for (Map.Entry<String, byte[]> h : guestHeaders) {
      if (!SERVER_OWNED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        res.header(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1));
      }
    }
    responseBody = new StreamedBody(res.outputStream());
    return responseBody;
  }

  /** Whether the guest's head was sent: the response can no longer become an error. */
  boolean responded() {
    return responseBody != null;
  }

  /** Ends the response body as complete, once the guest finished without a failure. */
  void end() throws IOException {
    if (responseBody != null) {
      responseBody.end();
    }
  }
}
