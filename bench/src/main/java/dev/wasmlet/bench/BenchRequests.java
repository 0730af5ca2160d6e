package dev.wasmlet.bench;

import dev.wasmlet.engine.WagiRequest;
import java.util.List;
import java.util.Map;

/** The request the in-process benchmarks send: {@code GET /hello?a=1} on an exact route. */
public final class BenchRequests {
  private BenchRequests() {}

  public static WagiRequest hello() {
    return new WagiRequest(
        "GET",
        "/hello",
        "a=1",
        "/hello",
        "/hello",
        "",
        List.of(Map.entry("Host", "localhost:3000"), Map.entry("User-Agent", "jmh")),
        new byte[0],
        "127.0.0.1",
        "localhost",
        3000,
        "http",
        "HTTP/1.1",
        List.of("/hello", "a=1"),
        Map.of());
  }
}
