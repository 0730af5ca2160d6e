package dev.wasmlet.component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host interfaces a component may import, matched by name with semver as wasmtime's linker
 * matches them ({@link Semver}): a host {@code wasi:io/streams@0.2.12} serves imports of {@code
 * 0.2.0} through {@code 0.2.x}.
 */
public final class Linker {
  private final Map<String, HostInterface> byKey = new LinkedHashMap<>();

  public Linker define(HostInterface iface) {
    String key = Semver.key(iface.name());
    if (byKey.putIfAbsent(key, iface) != null) {
      throw new IllegalArgumentException("interface " + key + " is defined twice");
    }
    return this;
  }

  /** The host interface serving an import named {@code importName}, if any. */
  public Optional<HostInterface> resolve(String importName) {
    return Optional.ofNullable(byKey.get(Semver.key(importName)));
  }
}
