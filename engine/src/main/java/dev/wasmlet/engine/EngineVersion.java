package dev.wasmlet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions that decide whether compiled code from an earlier run may be reused. */
public final class EngineVersion {
  private static final Properties PROPS = load();

  private EngineVersion() {}

  /** Wasmlet's own version. */
  public static String wasmlet() {
    return PROPS.getProperty("wasmlet.version", "dev");
  }

  /** The Chicory runtime and compiler version the engine was built against. */
  public static String chicory() {
    return PROPS.getProperty("chicory.version", "unknown");
  }

  /** Name of the cache directory: code is reused only by the same Wasmlet and Chicory build. */
  static String cacheKey() {
    return ("wasmlet-" + wasmlet() + "-chicory-" + chicory()).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = EngineVersion.class.getResourceAsStream("engine.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
