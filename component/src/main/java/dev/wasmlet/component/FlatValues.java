package dev.wasmlet.component;

import dev.wasmlet.component.AbiLayout.Core;
import dev.wasmlet.component.WitType.Case;
import dev.wasmlet.component.WitType.FlagsOf;
import dev.wasmlet.component.WitType.Handle;
import dev.wasmlet.component.WitType.ListOf;
import dev.wasmlet.component.WitType.Prim;
import dev.wasmlet.component.WitType.RecordOf;
import dev.wasmlet.component.WitType.TupleOf;
import dev.wasmlet.component.WitType.VariantOf;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical ABI's flat form: a value as the core values it flattens to ({@link
 * AbiLayout#flatten} order) and back, for parameters and results passed in registers. Strings and
 * lists go through {@link CanonicalAbi}'s memory; a payload that does not fit its case traps.
 */
final class FlatValues {
  private final CanonicalAbi abi;

  FlatValues(CanonicalAbi abi) {
    this.abi = abi;
  }

  /** The core values {@code value} flattens to, in {@link AbiLayout#flatten} order. */
  long[] lower(WitType t, Object value) {
    List<Long> out = new ArrayList<>();
    lower(t, value, out);
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private void lower(WitType t, Object value, List<Long> out) {
    switch (t) {
      case Prim p -> {
        switch (p.kind()) {
          case BOOL -> out.add((Boolean) value ? 1L : 0L);
          case S8, U8, S16, U16, S32 -> out.add((long) (Integer) value);
          case U32 -> out.add((long) (int) (long) (Long) value);
          case S64, U64 -> out.add((Long) value);
          case F32 -> out.add((long) Float.floatToRawIntBits((Float) value));
          case F64 -> out.add(Double.doubleToRawLongBits((Double) value));
          case CHAR -> out.add((long) CanonicalAbi.hostCodePoint((Integer) value));
          case STRING -> {
            int[] pl = abi.storeString((String) value);
            out.add((long) pl[0]);
            out.add((long) pl[1]);
          }
        }
      }
      case ListOf l -> {
        int[] pl = abi.storeList(l.element(), value);
        out.add((long) pl[0]);
        out.add((long) pl[1]);
      }
      case RecordOf r -> {
        List<?> values = (List<?>) value;
        for (int i = 0; i < values.size(); i++) {
          lower(r.fields().get(i).type(), values.get(i), out);
        }
      }
      case TupleOf u -> {
        List<?> values = (List<?>) value;
        for (int i = 0; i < values.size(); i++) {
          lower(u.types().get(i), values.get(i), out);
        }
      }
      case FlagsOf f -> out.add((long) (Integer) value);
      case Handle h -> out.add((long) (Integer) value);
      default -> {
        VariantOf v = AbiLayout.asVariant(t);
        List<Core> joined = AbiLayout.flatten(v).subList(1, AbiLayout.flatten(v).size());
        WitVariant wv = CanonicalAbi.variantOf(t, value);
        out.add((long) wv.caseIndex());
        Case c = v.cases().get(wv.caseIndex());
        List<Long> payload = new ArrayList<>();
        List<Core> have = List.of();
        if (c.payload().isPresent()) {
          lower(c.payload().get(), wv.payload(), payload);
          have = AbiLayout.flatten(c.payload().get());
        }
        for (int i = 0; i < joined.size(); i++) {
          if (i >= payload.size()) {
            out.add(0L);
          } else if (joined.get(i) == Core.I64 && have.get(i) != Core.I64) {
            out.add(have.get(i) == Core.F64 ? payload.get(i) : payload.get(i) & 0xffff_ffffL);
          } else {
            out.add(payload.get(i));
          }
        }
      }
    }
  }

  /** Reads a value of {@code t} from flat core values, starting at {@code cursor[0]}. */
  Object lift(WitType t, long[] flat, int[] cursor) {
    return switch (t) {
      case Prim p ->
          switch (p.kind()) {
            case BOOL -> CanonicalAbi.i32(flat, cursor) != 0;
            case S8 -> (int) (byte) CanonicalAbi.i32(flat, cursor);
            case U8 -> CanonicalAbi.i32(flat, cursor) & 0xff;
            case S16 -> (int) (short) CanonicalAbi.i32(flat, cursor);
            case U16 -> CanonicalAbi.i32(flat, cursor) & 0xffff;
            case S32 -> CanonicalAbi.i32(flat, cursor);
            case U32 -> CanonicalAbi.i32(flat, cursor) & 0xffff_ffffL;
            case S64, U64 -> flat[cursor[0]++];
            case F32 -> Float.intBitsToFloat(CanonicalAbi.i32(flat, cursor));
            case F64 -> Double.longBitsToDouble(flat[cursor[0]++]);
            case CHAR -> CanonicalAbi.codePoint(CanonicalAbi.i32(flat, cursor));
            case STRING -> {
              int ptr = CanonicalAbi.i32(flat, cursor);
              yield abi.loadString(ptr, CanonicalAbi.i32(flat, cursor));
            }
          };
      case ListOf l -> {
        int ptr = CanonicalAbi.i32(flat, cursor);
        yield abi.loadList(l.element(), ptr, CanonicalAbi.i32(flat, cursor));
      }
      case RecordOf r -> {
        List<Object> values = new ArrayList<>();
        for (WitType.Field f : r.fields()) {
          values.add(lift(f.type(), flat, cursor));
        }
        yield values;
      }
      case TupleOf u -> {
        List<Object> values = new ArrayList<>();
        for (WitType x : u.types()) {
          values.add(lift(x, flat, cursor));
        }
        yield values;
      }
      case FlagsOf f -> CanonicalAbi.i32(flat, cursor) & CanonicalAbi.mask(f);
      case Handle h -> CanonicalAbi.i32(flat, cursor);
      default -> liftVariant(t, flat, cursor);
    };
  }

  private Object liftVariant(WitType t, long[] flat, int[] cursor) {
    VariantOf v = AbiLayout.asVariant(t);
    List<Core> all = AbiLayout.flatten(v);
    List<Core> joined = all.subList(1, all.size());
    int disc = CanonicalAbi.i32(flat, cursor);
    Case c = CanonicalAbi.caseOf(v, disc);
    int start = cursor[0];
    Object payload = null;
    if (c.payload().isPresent()) {
      List<Core> want = AbiLayout.flatten(c.payload().get());
      long[] own = new long[want.size()];
      for (int i = 0; i < own.length; i++) {
        long raw = flat[start + i];
        if (joined.get(i) == Core.I64 && want.get(i) != Core.I64 && want.get(i) != Core.F64) {
          if ((raw >>> 32) != 0) {
            throw new ComponentTrap("variant payload does not fit its 32-bit case type");
          }
        }
        own[i] = raw;
      }
      payload = lift(c.payload().get(), own, new int[] {0});
    }
    cursor[0] = start + joined.size();
    return CanonicalAbi.variantValue(t, disc, payload);
  }
}
