package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that drops what the operator never reads before keeping an object: its managed
 * fields (server-side apply's bookkeeping, most of a small object's size) and kubectl's
 * last-applied annotation. Used for the WasmApps and for the Services and slices the operator
 * writes, whose managed fields alone cost several KiB of heap per app.
 */
final class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  LeanItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R obj) {
    if (obj.getMetadata() != null) {
      obj.getMetadata().setManagedFields(null);
      if (obj.getMetadata().getAnnotations() != null) {
        obj.getMetadata().getAnnotations().remove(LAST_APPLIED);
      }
    }
    return super.put(key, obj);
  }
}
