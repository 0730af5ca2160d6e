package dev.wasmlet.component;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A GET of {@code path} from inside the server (a health probe, a benchmark): no body, the given
 * headers, and the response body discarded; only the status matters to the caller.
 */
public record LocalGet(String path, List<Map.Entry<String, byte[]>> headers)
    implements HttpExchange {
  public LocalGet {
    headers = List.copyOf(headers);
  }

  /** A GET with one {@code user-agent} header. */
  public static LocalGet of(String path, String userAgent) {
    return new LocalGet(
        path, List.of(Map.entry("user-agent", userAgent.getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String pathWithQuery() {
    return path;
  }

  @Override
  public String scheme() {
    return "http";
  }

  @Override
  public String authority() {
    return "localhost";
  }

  @Override
  public InputStream body() {
    return InputStream.nullInputStream();
  }

  @Override
  public OutputStream respond(int status, List<Map.Entry<String, byte[]>> responseHeaders) {
    return OutputStream.nullOutputStream();
  }
}
