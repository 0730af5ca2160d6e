package dev.wasmlet.component;

import dev.wasmlet.component.WitType.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves handles across the boundary, walking a value by its type: into the host, an own handle
 * leaves the guest's table and a borrow is looked up; out of the host, a host object becomes a new
 * handle the guest owns.
 */
final class Handles {
  private Handles() {}

  static boolean has(WitType t) {
    return switch (t) {
      case Handle h -> true;
      case WitType.ListOf l -> has(l.element());
      case WitType.RecordOf r -> r.fields().stream().anyMatch(f -> has(f.type()));
      case WitType.TupleOf u -> u.types().stream().anyMatch(Handles::has);
      case WitType.VariantOf v ->
          v.cases().stream().anyMatch(c -> c.payload().map(Handles::has).orElse(false));
      case WitType.OptionOf o -> has(o.payload());
      case WitType.ResultOf r ->
          r.ok().map(Handles::has).orElse(false) || r.err().map(Handles::has).orElse(false);
      default -> false;
    };
  }

  /** True for a resource a component defines itself (see {@link ComponentDecoder}'s keys). */
  static boolean isGuest(String key) {
    return key.startsWith("component#");
  }

  static Object toHost(WitType t, Object v, ResourceTable table) {
    return walk(t, v, table, true);
  }

  static Object toGuest(WitType t, Object v, ResourceTable table) {
    return walk(t, v, table, false);
  }

  private static Object walk(WitType t, Object v, ResourceTable table, boolean in) {
    if (!has(t)) {
      return v;
    }
    return switch (t) {
      case Handle h -> {
        if (!in) {
          if (v instanceof GuestResource g) {
            if (!g.key().equals(h.resource())) {
              throw new ComponentTrap(
                  "a "
                      + ResourceTable.name(g.key())
                      + " passed as a "
                      + ResourceTable.name(h.resource()));
            }
            yield h.owned() ? table.insert(g.key(), g.rep(), true) : g.rep();
          }
          yield table.insert(h.resource(), v, h.owned());
        }
        int handle = (Integer) v;
        Object rep =
            h.owned()
                ? table.remove(handle, h.resource()).rep()
                : table.get(handle, h.resource()).rep();
        yield rep instanceof Integer i && isGuest(h.resource())
            ? new GuestResource(h.resource(), i)
            : rep;
      }
      case WitType.ListOf l -> {
        List<Object> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
          out.add(walk(l.element(), e, table, in));
        }
        yield out;
      }
      case WitType.RecordOf r -> {
        List<?> values = (List<?>) v;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          out.add(walk(r.fields().get(i).type(), values.get(i), table, in));
        }
        yield out;
      }
      case WitType.TupleOf u -> {
        List<?> values = (List<?>) v;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          out.add(walk(u.types().get(i), values.get(i), table, in));
        }
        yield out;
      }
      case WitType.OptionOf o -> ((Optional<?>) v).map(x -> walk(o.payload(), x, table, in));
      case WitType.ResultOf r -> {
        WitVariant w = (WitVariant) v;
        Optional<WitType> pt = w.caseIndex() == 0 ? r.ok() : r.err();
        yield pt.isEmpty()
            ? w
            : new WitVariant(w.caseIndex(), walk(pt.get(), w.payload(), table, in));
      }
      case WitType.VariantOf var -> {
        WitVariant w = (WitVariant) v;
        Optional<WitType> pt = var.cases().get(w.caseIndex()).payload();
        yield pt.isEmpty()
            ? w
            : new WitVariant(w.caseIndex(), walk(pt.get(), w.payload(), table, in));
      }
      default -> v;
    };
  }
}
