package dev.wasmlet.component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An in-memory exchange: a fixed request, and the response as the guest produced it. */
final class TestExchange implements HttpExchange {
  final String method;
  final String path;
  final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
  final byte[] body;
  int status = -1;
  List<Map.Entry<String, byte[]>> responseHeaders;
  final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
  int respondCalls;
  boolean closed;

  TestExchange(String method, String path, String body) {
    this.method = method;
    this.path = path;
    this.body = body.getBytes(StandardCharsets.UTF_8);
  }

  TestExchange header(String name, String value) {
    headers.add(Map.entry(name, value.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  String text() {
    return responseBody.toString(StandardCharsets.UTF_8);
  }

  String responseHeader(String name) {
    return responseHeaders.stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
        .findFirst()
        .orElse(null);
  }

  @Override
  public String method() {
    return method;
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
    return "localhost:8080";
  }

  @Override
  public List<Map.Entry<String, byte[]>> headers() {
    return headers;
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public OutputStream respond(int status, List<Map.Entry<String, byte[]>> headers) {
    respondCalls++;
    this.status = status;
    this.responseHeaders = List.copyOf(headers);
    return new OutputStream() {
      @Override
      public void write(int b) {
        responseBody.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        responseBody.write(b, off, len);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }
}
