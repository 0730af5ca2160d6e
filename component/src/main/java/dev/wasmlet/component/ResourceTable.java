package dev.wasmlet.component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One component instance's handle table: index 0 is never valid, freed slots are reused. Each entry
 * remembers its resource type and whether the guest owns it or borrowed it; every use checks both,
 * and misuse traps.
 */
final class ResourceTable {
  /** More live handles than any real guest keeps; a guest leaking handles in a loop traps. */
  static final int MAX_HANDLES = 1 << 20;

  record Entry(String key, Object rep, boolean own) {}

  private final List<Entry> entries = new ArrayList<>(List.of(new Entry("", null, false)));
  private final ArrayDeque<Integer> free = new ArrayDeque<>();

  int insert(String key, Object rep, boolean own) {
    Entry e = new Entry(key, rep, own);
    Integer slot = free.poll();
    if (slot != null) {
      entries.set(slot, e);
      return slot;
    }
    if (entries.size() > MAX_HANDLES) {
      throw new ComponentTrap("the guest holds more than " + MAX_HANDLES + " resource handles");
    }
    entries.add(e);
    return entries.size() - 1;
  }

  Entry get(int handle, String key) {
    Entry e = handle > 0 && handle < entries.size() ? entries.get(handle) : null;
    if (e == null) {
      throw new ComponentTrap("handle " + handle + " is not a live " + name(key) + " handle");
    }
    if (!e.key().equals(key)) {
      throw new ComponentTrap(
          "handle " + handle + " is a " + name(e.key()) + ", not a " + name(key) + " handle");
    }
    return e;
  }

  Entry remove(int handle, String key) {
    Entry e = get(handle, key);
    entries.set(handle, null);
    free.push(handle);
    return e;
  }

  /** Every live entry, for dropping what the guest left behind when the instance ends. */
  List<Entry> live() {
    return entries.stream().skip(1).filter(e -> e != null).toList();
  }

  static String name(String key) {
    int hash = key.indexOf('#');
    return hash < 0 ? key : key.substring(hash + 1);
  }
}
