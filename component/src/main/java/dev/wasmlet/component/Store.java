package dev.wasmlet.component;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of one component instance (one request): its handle table and what the host attached to
 * it. Never shared between threads or instances.
 */
public final class Store {
  private final ResourceTable table = new ResourceTable();
  private final Map<Class<?>, Object> attached = new HashMap<>();

  /** Attaches host state, one object per class. */
  public <T> Store attach(Class<T> type, T value) {
    attached.put(type, type.cast(value));
    return this;
  }

  /** The attached state of {@code type}; the host attaches it before the guest runs. */
  public <T> T get(Class<T> type) {
    Object v = attached.get(type);
    if (v == null) {
      throw new IllegalStateException("no " + type.getSimpleName() + " attached to this store");
    }
    return type.cast(v);
  }

  /** The attached state of {@code type}, if the host attached one. */
  public <T> java.util.Optional<T> find(Class<T> type) {
    return java.util.Optional.ofNullable(attached.get(type)).map(type::cast);
  }

  ResourceTable table() {
    return table;
  }
}
