package dev.wasmlet.component;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * What the WASI 0.2 host gives one request's guest: environment variables, arguments, where stdout
 * and stderr go (each capped at {@link #MAX_OUTPUT} bytes), and stdin.
 */
public record GuestEnvironment(
    List<Map.Entry<String, String>> environment,
    List<String> arguments,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr) {
  /** Bytes a guest may write to each of stdout and stderr in one request. */
  public static final long MAX_OUTPUT = 1 << 20;

  public GuestEnvironment {
    environment = List.copyOf(environment);
    arguments = List.copyOf(arguments);
  }

  /** Nothing in, output discarded: for tools and tests. */
  public static GuestEnvironment empty() {
    return new GuestEnvironment(
        List.of(),
        List.of(),
        InputStream.nullInputStream(),
        OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream());
  }
}
