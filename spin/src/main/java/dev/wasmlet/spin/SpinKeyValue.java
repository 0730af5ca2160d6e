package dev.wasmlet.spin;

import dev.wasmlet.component.HostFunc;
import dev.wasmlet.component.HostInterface;
import dev.wasmlet.component.HostResource;
import dev.wasmlet.component.Linker;
import dev.wasmlet.component.Store;
import dev.wasmlet.component.WitVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key-value for Spin SDK apps, over the app's {@link KeyValueStore}s: {@code
 * fermyon:spin/key-value@2.0.0} and {@code wasi:keyvalue/{store,atomics,batch}@0.2.0-draft2}, as
 * Spin's {@code factor-key-value} serves them. A label the component's {@code key_value_stores}
 * does not list is {@code access-denied}; past {@link SpinContext#MAX_OPEN} open stores in one
 * request, {@code store-table-full} (wasi:keyvalue: {@code other("store table full")}); a failure
 * in the store, {@code other(message)}.
 */
final class SpinKeyValue {
  private SpinKeyValue() {}

  // fermyon:spin/key-value error cases, in WIT order
  private static final int TABLE_FULL = 0;
  private static final int ACCESS_DENIED = 2;
  private static final int OTHER = 3;
  // wasi:keyvalue/store error cases
  private static final int WASI_ACCESS_DENIED = 1;
  private static final int WASI_OTHER = 2;

  /** An open store: the guest's own handle. */
  static final class Opened implements HostResource {
    final KeyValueStore store;

    Opened(KeyValueStore store) {
      this.store = store;
    }

    @Override
    public void dropped(Store s) {
      s.get(SpinContext.class).closed();
    }
  }

  /** A wasi:keyvalue compare-and-swap: the key and the value it saw. */
  static final class Cas {
    final KeyValueStore store;
    final String key;
    Optional<byte[]> seen;

    Cas(KeyValueStore store, String key) {
      this.store = store;
      this.key = key;
      this.seen = store.get(key);
    }
  }

  static void define(Linker linker) {
    linker.define(
        HostInterface.builder("fermyon:spin/key-value@2.0.0")
            .func("[static]store.open", (s, a) -> open(s, (String) a[0], false))
            .func("[method]store.get", spin((st, a) -> st.get((String) a[1])))
            .func("[method]store.set", spin((st, a) -> set(st, a)))
            .func("[method]store.delete", spin((st, a) -> delete(st, a)))
            .func("[method]store.exists", spin((st, a) -> st.exists((String) a[1])))
            .func("[method]store.get-keys", spin((st, a) -> st.keys()))
            .build());
    linker.define(
        HostInterface.builder("wasi:keyvalue/store@0.2.0-draft2")
            .func("open", (s, a) -> open(s, (String) a[0], true))
            .func("[method]bucket.get", wasi((st, a) -> st.get((String) a[1])))
            .func("[method]bucket.set", wasi((st, a) -> set(st, a)))
            .func("[method]bucket.delete", wasi((st, a) -> delete(st, a)))
            .func("[method]bucket.exists", wasi((st, a) -> st.exists((String) a[1])))
            .func(
                "[method]bucket.list-keys",
                wasi((st, a) -> List.of(st.keys(), Optional.empty()))) // one page: no cursor
            .build());
    linker.define(
        HostInterface.builder("wasi:keyvalue/atomics@0.2.0-draft2")
            .func("increment", wasi((st, a) -> st.increment((String) a[1], (Long) a[2])))
            .func("[static]cas.new", wasi((st, a) -> new Cas(st, (String) a[1])))
            .func("[method]cas.current", (s, a) -> current((Cas) a[0]))
            .func("swap", (s, a) -> swap((Cas) a[0], (byte[]) a[1]))
            .build());
    linker.define(
        HostInterface.builder("wasi:keyvalue/batch@0.2.0-draft2")
            .func("get-many", wasi((st, a) -> getMany(st, (List<?>) a[1])))
            .func("set-many", wasi((st, a) -> setMany(st, (List<?>) a[1])))
            .func("delete-many", wasi((st, a) -> deleteMany(st, (List<?>) a[1])))
            .build());
  }

  private static Object set(KeyValueStore st, Object[] a) {
    st.set((String) a[1], (byte[]) a[2]);
    return null;
  }

  private static Object delete(KeyValueStore st, Object[] a) {
    st.delete((String) a[1]);
    return null;
  }

  private static Object open(Store s, String label, boolean wasi) {
    SpinContext ctx = s.get(SpinContext.class);
    if (!ctx.mayUseKeyValue(label)) {
      return WitVariant.err(new WitVariant(wasi ? WASI_ACCESS_DENIED : ACCESS_DENIED, null));
    }
    if (!ctx.open()) {
      return WitVariant.err(
          wasi ? new WitVariant(WASI_OTHER, "store table full") : new WitVariant(TABLE_FULL, null));
    }
    try {
      return WitVariant.ok(new Opened(ctx.data().keyValue(label)));
    } catch (SpinException e) {
      ctx.closed();
      return WitVariant.err(new WitVariant(wasi ? WASI_OTHER : OTHER, e.getMessage()));
    }
  }

  /** An operation on a store that may fail with {@code other(message)}. */
  private interface Op {
    Object run(KeyValueStore store, Object[] args);
  }

  private static HostFunc spin(Op op) {
    return (s, a) -> call(op, a, OTHER);
  }

  private static HostFunc wasi(Op op) {
    return (s, a) -> call(op, a, WASI_OTHER);
  }

  private static Object call(Op op, Object[] a, int other) {
    KeyValueStore st = ((Opened) a[0]).store;
    try {
      return WitVariant.ok(op.run(st, a));
    } catch (SpinException e) {
      return WitVariant.err(new WitVariant(other, e.getMessage()));
    }
  }

  /** Reads the value again; the swap then compares with what this read saw. */
  private static Object current(Cas cas) {
    try {
      cas.seen = cas.store.get(cas.key);
      return WitVariant.ok(cas.seen);
    } catch (SpinException e) {
      return WitVariant.err(new WitVariant(WASI_OTHER, e.getMessage()));
    }
  }

  private static Object swap(Cas cas, byte[] value) {
    try {
      if (cas.store.compareAndSwap(cas.key, cas.seen, value)) {
        return WitVariant.ok(null);
      }
      Cas again = new Cas(cas.store, cas.key);
      return WitVariant.err(new WitVariant(1, again)); // cas-failed(cas): try again from here
    } catch (SpinException e) {
      return WitVariant.err(new WitVariant(0, new WitVariant(WASI_OTHER, e.getMessage())));
    }
  }

  private static List<Object> getMany(KeyValueStore st, List<?> keys) {
    List<Object> out = new ArrayList<>();
    for (Object k : keys) {
      out.add(List.of(k, st.get((String) k)));
    }
    return out;
  }

  private static Object setMany(KeyValueStore st, List<?> pairs) {
    Map<String, byte[]> values = new LinkedHashMap<>();
    for (Object p : pairs) {
      List<?> kv = (List<?>) p;
      values.put((String) kv.get(0), (byte[]) kv.get(1));
    }
    st.setMany(values);
    return null;
  }

  private static Object deleteMany(KeyValueStore st, List<?> keys) {
    st.deleteMany(keys.stream().map(String.class::cast).toList());
    return null;
  }
}
