package dev.wasmlet.component;

import dev.wasmlet.component.WitType.Case;
import dev.wasmlet.component.WitType.EnumOf;
import dev.wasmlet.component.WitType.Field;
import dev.wasmlet.component.WitType.FlagsOf;
import dev.wasmlet.component.WitType.Handle;
import dev.wasmlet.component.WitType.Kind;
import dev.wasmlet.component.WitType.ListOf;
import dev.wasmlet.component.WitType.OptionOf;
import dev.wasmlet.component.WitType.Prim;
import dev.wasmlet.component.WitType.RecordOf;
import dev.wasmlet.component.WitType.ResultOf;
import dev.wasmlet.component.WitType.TupleOf;
import dev.wasmlet.component.WitType.VariantOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the canonical ABI puts a value: alignment, size in linear memory, and its flattening to
 * core values (the component model's CanonicalABI.md, {@code alignment}, {@code elem_size} and
 * {@code flatten_type}). Options, results and enums are laid out as the variants they stand for.
 */
final class AbiLayout {
  /** A core value type of a flattened value. */
  enum Core {
    I32,
    I64,
    F32,
    F64
  }

  private AbiLayout() {}

  /** A key that compares types by identity: types are shared, made once per component load. */
  private record Same(WitType type) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Same s && s.type == type;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(type);
    }
  }

  /** Layouts already worked out, per type object: calls ask for them on every value. */
  private record Layout(int alignment, int size, List<Core> flat) {}

  private static final Map<Same, Layout> LAYOUTS = new ConcurrentHashMap<>();

  /**
   * Bound on each cache: types are made once per component load, so this is only reached by a
   * process that loads very many components; past it layouts are computed each time.
   */
  private static final int MAX_CACHED = 200_000;

  private static Layout layout(WitType t) {
    if (t instanceof Prim) {
      return new Layout(computeAlignment(t), computeSize(t), computeFlatten(t));
    }
    Same key = new Same(t);
    Layout l = LAYOUTS.get(key);
    if (l == null) {
      l = new Layout(computeAlignment(t), computeSize(t), computeFlatten(t));
      if (LAYOUTS.size() < MAX_CACHED) {
        LAYOUTS.put(key, l);
      }
    }
    return l;
  }

  static int alignment(WitType t) {
    return t instanceof Prim ? computeAlignment(t) : layout(t).alignment();
  }

  static int size(WitType t) {
    return t instanceof Prim ? computeSize(t) : layout(t).size();
  }

  /** The core values a value of {@code t} flattens to (an unmodifiable list). */
  static List<Core> flatten(WitType t) {
    return layout(t).flat();
  }

  private static int computeAlignment(WitType t) {
    return switch (t) {
      case Prim p ->
          switch (p.kind()) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64 -> 8;
            case STRING -> 4;
          };
      case ListOf l -> 4;
      case RecordOf r -> r.fields().stream().mapToInt(f -> alignment(f.type())).max().orElse(1);
      case TupleOf u -> u.types().stream().mapToInt(AbiLayout::alignment).max().orElse(1);
      case FlagsOf f -> flagsSize(f);
      case Handle h -> 4;
      default -> {
        VariantOf v = asVariant(t);
        yield Math.max(discriminantSize(v), maxCaseAlignment(v));
      }
    };
  }

  private static int computeSize(WitType t) {
    return switch (t) {
      case Prim p ->
          switch (p.kind()) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64, STRING -> 8;
          };
      case ListOf l -> 8;
      case RecordOf r -> recordSize(r.fields().stream().map(Field::type).toList());
      case TupleOf u -> recordSize(u.types());
      case FlagsOf f -> flagsSize(f);
      case Handle h -> 4;
      default -> {
        VariantOf v = asVariant(t);
        int s = discriminantSize(v);
        s = alignTo(s, maxCaseAlignment(v));
        int max = 0;
        for (Case c : v.cases()) {
          max = Math.max(max, c.payload().map(AbiLayout::size).orElse(0));
        }
        yield alignTo(s + max, computeAlignment(v));
      }
    };
  }

  private static int recordSize(List<WitType> fields) {
    int s = 0;
    int align = 1;
    for (WitType f : fields) {
      s = alignTo(s, alignment(f)) + size(f);
      align = Math.max(align, alignment(f));
    }
    return alignTo(s, align);
  }

  /** The offset of each field of a record or tuple. */
  static int[] fieldOffsets(List<WitType> fields) {
    int[] offsets = new int[fields.size()];
    int s = 0;
    for (int i = 0; i < offsets.length; i++) {
      s = alignTo(s, alignment(fields.get(i)));
      offsets[i] = s;
      s += size(fields.get(i));
    }
    return offsets;
  }

  static int payloadOffset(VariantOf v) {
    return alignTo(discriminantSize(v), maxCaseAlignment(v));
  }

  private static int maxCaseAlignment(VariantOf v) {
    int a = 1;
    for (Case c : v.cases()) {
      if (c.payload().isPresent()) {
        a = Math.max(a, alignment(c.payload().get()));
      }
    }
    return a;
  }

  static int discriminantSize(VariantOf v) {
    int n = v.cases().size();
    return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
  }

  static int flagsSize(FlagsOf f) {
    int n = f.labels().size();
    return n <= 8 ? 1 : n <= 16 ? 2 : 4;
  }

  static int alignTo(int ptr, int alignment) {
    return (ptr + alignment - 1) / alignment * alignment;
  }

  /** Options, results and enums as the variants the ABI treats them as; variants as they are. */
  private static final Map<Same, VariantOf> VARIANTS = new ConcurrentHashMap<>();

  /** {@code t} as the variant the ABI treats it as; the same object for the same type object. */
  static VariantOf asVariant(WitType t) {
    if (t instanceof VariantOf v) {
      return v;
    }
    Same key = new Same(t);
    VariantOf v = VARIANTS.get(key);
    if (v == null) {
      v = computeVariant(t);
      if (VARIANTS.size() < MAX_CACHED) {
        VariantOf raced = VARIANTS.putIfAbsent(key, v);
        v = raced == null ? v : raced;
      }
    }
    return v;
  }

  private static VariantOf computeVariant(WitType t) {
    return switch (t) {
      case VariantOf v -> v;
      case OptionOf o -> new VariantOf(List.of(new Case("none", Optional.empty()), some(o)));
      case ResultOf r -> new VariantOf(List.of(new Case("ok", r.ok()), new Case("error", r.err())));
      case EnumOf e ->
          new VariantOf(e.labels().stream().map(l -> new Case(l, Optional.empty())).toList());
      default -> throw new IllegalArgumentException(t + " is not a variant");
    };
  }

  private static Case some(OptionOf o) {
    return new Case("some", Optional.of(o.payload()));
  }

  private static List<Core> computeFlatten(WitType t) {
    List<Core> out = new ArrayList<>();
    flatten(t, out);
    return List.copyOf(out);
  }

  private static void flatten(WitType t, List<Core> out) {
    switch (t) {
      case Prim p -> {
        switch (p.kind()) {
          case S64, U64 -> out.add(Core.I64);
          case F32 -> out.add(Core.F32);
          case F64 -> out.add(Core.F64);
          case STRING -> {
            out.add(Core.I32);
            out.add(Core.I32);
          }
          default -> out.add(Core.I32);
        }
      }
      case ListOf l -> {
        out.add(Core.I32);
        out.add(Core.I32);
      }
      case RecordOf r -> r.fields().forEach(f -> flatten(f.type(), out));
      case TupleOf u -> u.types().forEach(x -> flatten(x, out));
      case FlagsOf f -> out.add(Core.I32);
      case Handle h -> out.add(Core.I32);
      default -> {
        VariantOf v = asVariant(t);
        List<Core> joined = new ArrayList<>();
        for (Case c : v.cases()) {
          if (c.payload().isEmpty()) {
            continue;
          }
          List<Core> flat = flatten(c.payload().get());
          for (int i = 0; i < flat.size(); i++) {
            if (i < joined.size()) {
              joined.set(i, join(joined.get(i), flat.get(i)));
            } else {
              joined.add(flat.get(i));
            }
          }
        }
        out.add(Core.I32);
        out.addAll(joined);
      }
    }
  }

  static Core join(Core a, Core b) {
    if (a == b) {
      return a;
    }
    if ((a == Core.I32 && b == Core.F32) || (a == Core.F32 && b == Core.I32)) {
      return Core.I32;
    }
    return Core.I64;
  }

  static boolean isKind(WitType t, Kind k) {
    return t instanceof Prim p && p.kind() == k;
  }
}
