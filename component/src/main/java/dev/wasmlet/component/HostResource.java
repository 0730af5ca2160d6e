package dev.wasmlet.component;

/** A host object behind a resource handle that must learn when the guest drops its own handle. */
public interface HostResource {
  void dropped(Store store);
}
