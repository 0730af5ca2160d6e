package dev.wasmlet.component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An interface the host provides, such as {@code wasi:io/streams@0.2.12}: its functions by their
 * component-model names ({@code [method]input-stream.read}, {@code [static]...}, {@code
 * [constructor]...}). Resource drops need no entry: the executor handles them.
 */
public final class HostInterface {
  private final String name;
  private final Map<String, HostFunc> funcs;

  private HostInterface(String name, Map<String, HostFunc> funcs) {
    this.name = name;
    this.funcs = Map.copyOf(funcs);
  }

  public static Builder builder(String versionedName) {
    return new Builder(versionedName);
  }

  /** The versioned name, e.g. {@code wasi:io/streams@0.2.12}. */
  public String name() {
    return name;
  }

  /** The function named {@code funcName} (component-model name), or null. */
  public HostFunc func(String funcName) {
    return funcs.get(funcName);
  }

  public static final class Builder {
    private final String name;
    private final Map<String, HostFunc> funcs = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    public Builder func(String funcName, HostFunc f) {
      if (funcs.putIfAbsent(funcName, f) != null) {
        throw new IllegalArgumentException(name + " defines " + funcName + " twice");
      }
      return this;
    }

    public HostInterface build() {
      return new HostInterface(name, funcs);
    }
  }
}
