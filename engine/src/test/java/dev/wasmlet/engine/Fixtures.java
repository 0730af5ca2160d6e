package dev.wasmlet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The engine's test guests, built from src/test/wat by its build.sh. */
final class Fixtures {
  private Fixtures() {}

  static byte[] wasm(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/wat/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("missing fixture /wat/" + name + ".wasm");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WagiRequest get(String path) {
    return new WagiRequest(
        "GET",
        path,
        "",
        path,
        path,
        "",
        List.of(Map.entry("Host", "localhost:3000")),
        new byte[0],
        "127.0.0.1",
        "localhost",
        3000,
        "http",
        "HTTP/1.1",
        List.of(path),
        Map.of());
  }
}
