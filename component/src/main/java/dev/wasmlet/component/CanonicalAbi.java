package dev.wasmlet.component;

import dev.wasmlet.component.WitType.Case;
import dev.wasmlet.component.WitType.EnumOf;
import dev.wasmlet.component.WitType.FlagsOf;
import dev.wasmlet.component.WitType.Handle;
import dev.wasmlet.component.WitType.ListOf;
import dev.wasmlet.component.WitType.OptionOf;
import dev.wasmlet.component.WitType.Prim;
import dev.wasmlet.component.WitType.RecordOf;
import dev.wasmlet.component.WitType.TupleOf;
import dev.wasmlet.component.WitType.VariantOf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lifts and lowers values between Java and a guest's linear memory and core values, under one set
 * of canon options (memory, realloc, string encoding), following the component model's
 * CanonicalABI.md. Everything a guest hands over is checked: a pointer out of bounds or misaligned,
 * a bad discriminant, an invalid char or string trap ({@link ComponentTrap}). Flat core values are
 * {@code long}s as Chicory passes them: i32 and f32 in the low 32 bits, floats as raw bits.
 */
public final class CanonicalAbi {
  /** The {@code string-encoding} canon option. */
  public enum StringEncoding {
    UTF8,
    UTF16
  }

  private final GuestMemory memory;
  private final StringEncoding encoding;

  private final FlatValues flat = new FlatValues(this);

  public CanonicalAbi(GuestMemory memory, StringEncoding encoding) {
    this.memory = memory;
    this.encoding = encoding;
  }

  // ---- memory ----

  /** Reads a value of {@code t} stored at {@code ptr}. */
  public Object load(WitType t, int ptr) {
    check(ptr, AbiLayout.size(t), AbiLayout.alignment(t), name(t));
    return switch (t) {
      case Prim p ->
          switch (p.kind()) {
            case BOOL -> bytes(ptr, 1).get() != 0;
            case S8 -> (int) bytes(ptr, 1).get();
            case U8 -> bytes(ptr, 1).get() & 0xff;
            case S16 -> (int) bytes(ptr, 2).getShort();
            case U16 -> bytes(ptr, 2).getShort() & 0xffff;
            case S32 -> bytes(ptr, 4).getInt();
            case U32 -> bytes(ptr, 4).getInt() & 0xffff_ffffL;
            case S64, U64 -> bytes(ptr, 8).getLong();
            case F32 -> bytes(ptr, 4).getFloat();
            case F64 -> bytes(ptr, 8).getDouble();
            case CHAR -> codePoint(bytes(ptr, 4).getInt());
            case STRING -> {
              ByteBuffer b = bytes(ptr, 8);
              yield loadString(b.getInt(), b.getInt());
            }
          };
      case ListOf l -> {
        ByteBuffer b = bytes(ptr, 8);
        yield loadList(l.element(), b.getInt(), b.getInt());
      }
      case RecordOf r -> loadFields(r.fields().stream().map(WitType.Field::type).toList(), ptr);
      case TupleOf u -> loadFields(u.types(), ptr);
      case FlagsOf f -> {
        int size = AbiLayout.flagsSize(f);
        ByteBuffer b = bytes(ptr, size);
        int bits = size == 1 ? b.get() & 0xff : size == 2 ? b.getShort() & 0xffff : b.getInt();
        yield bits & mask(f);
      }
      case Handle h -> bytes(ptr, 4).getInt();
      default -> loadVariant(t, ptr);
    };
  }

  private List<Object> loadFields(List<WitType> types, int ptr) {
    int[] offsets = AbiLayout.fieldOffsets(types);
    List<Object> values = new ArrayList<>(types.size());
    for (int i = 0; i < offsets.length; i++) {
      values.add(load(types.get(i), ptr + offsets[i]));
    }
    return values;
  }

  private Object loadVariant(WitType t, int ptr) {
    VariantOf v = AbiLayout.asVariant(t);
    int ds = AbiLayout.discriminantSize(v);
    ByteBuffer b = bytes(ptr, ds);
    int disc = ds == 1 ? b.get() & 0xff : ds == 2 ? b.getShort() & 0xffff : b.getInt();
    Case c = caseOf(v, disc);
    Object payload =
        c.payload().isEmpty() ? null : load(c.payload().get(), ptr + AbiLayout.payloadOffset(v));
    return variantValue(t, disc, payload);
  }

  /** Writes {@code value} of type {@code t} at {@code ptr}, allocating with realloc as needed. */
  public void store(WitType t, Object value, int ptr) {
    check(ptr, AbiLayout.size(t), AbiLayout.alignment(t), name(t));
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    switch (t) {
      case Prim p -> {
        switch (p.kind()) {
          case BOOL -> b.put((byte) ((Boolean) value ? 1 : 0));
          case S8, U8 -> b.put((byte) (int) (Integer) value);
          case S16, U16 -> b.putShort((short) (int) (Integer) value);
          case S32 -> b.putInt((Integer) value);
          case U32 -> b.putInt((int) (long) (Long) value);
          case S64, U64 -> b.putLong((Long) value);
          case F32 -> b.putFloat((Float) value);
          case F64 -> b.putDouble((Double) value);
          case CHAR -> b.putInt(hostCodePoint((Integer) value));
          case STRING -> {
            int[] pl = storeString((String) value);
            b.putInt(pl[0]).putInt(pl[1]);
          }
        }
        write(ptr, b);
      }
      case ListOf l -> {
        int[] pl = storeList(l.element(), value);
        write(ptr, b.putInt(pl[0]).putInt(pl[1]));
      }
      case RecordOf r ->
          storeFields(r.fields().stream().map(WitType.Field::type).toList(), value, ptr);
      case TupleOf u -> storeFields(u.types(), value, ptr);
      case FlagsOf f -> {
        int bits = (Integer) value;
        int size = AbiLayout.flagsSize(f);
        if (size == 1) {
          b.put((byte) bits);
        } else if (size == 2) {
          b.putShort((short) bits);
        } else {
          b.putInt(bits);
        }
        write(ptr, b);
      }
      case Handle h -> write(ptr, b.putInt((Integer) value));
      default -> {
        VariantOf v = AbiLayout.asVariant(t);
        WitVariant wv = variantOf(t, value);
        int ds = AbiLayout.discriminantSize(v);
        if (ds == 1) {
          b.put((byte) wv.caseIndex());
        } else if (ds == 2) {
          b.putShort((short) wv.caseIndex());
        } else {
          b.putInt(wv.caseIndex());
        }
        write(ptr, b);
        Case c = v.cases().get(wv.caseIndex());
        if (c.payload().isPresent()) {
          store(c.payload().get(), wv.payload(), ptr + AbiLayout.payloadOffset(v));
        }
      }
    }
  }

  private void storeFields(List<WitType> types, Object value, int ptr) {
    List<?> values = (List<?>) value;
    int[] offsets = AbiLayout.fieldOffsets(types);
    for (int i = 0; i < offsets.length; i++) {
      store(types.get(i), values.get(i), ptr + offsets[i]);
    }
  }

  // ---- strings and lists ----

  String loadString(int ptr, int units) {
    Charset cs =
        encoding == StringEncoding.UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE;
    int unit = encoding == StringEncoding.UTF8 ? 1 : 2;
    long byteLength = (units & 0xffff_ffffL) * unit;
    check(ptr, byteLength, unit, "string");
    byte[] raw = new byte[(int) byteLength];
    memory.read(ptr, raw, 0, raw.length);
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ComponentTrap(
          "string at 0x" + Integer.toHexString(ptr) + " is not valid " + cs.name());
    }
  }

  int[] storeString(String s) {
    byte[] raw =
        s.getBytes(
            encoding == StringEncoding.UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE);
    int unit = encoding == StringEncoding.UTF8 ? 1 : 2;
    int ptr = allocate(unit, raw.length);
    memory.write(ptr, raw, 0, raw.length);
    return new int[] {ptr, raw.length / unit};
  }

  Object loadList(WitType element, int ptr, int length) {
    long len = length & 0xffff_ffffL;
    int size = AbiLayout.size(element);
    check(ptr, len * size, AbiLayout.alignment(element), "list");
    if (AbiLayout.isKind(element, WitType.Kind.U8)) {
      byte[] raw = new byte[(int) len];
      memory.read(ptr, raw, 0, raw.length);
      return raw;
    }
    List<Object> values = new ArrayList<>((int) Math.min(len, 1 << 16));
    for (int i = 0; i < len; i++) {
      values.add(load(element, ptr + i * size));
    }
    return values;
  }

  int[] storeList(WitType element, Object value) {
    if (value instanceof byte[] raw) {
      int ptr = allocate(1, raw.length);
      memory.write(ptr, raw, 0, raw.length);
      return new int[] {ptr, raw.length};
    }
    List<?> values = (List<?>) value;
    int size = AbiLayout.size(element);
    int ptr = allocate(AbiLayout.alignment(element), Math.multiplyExact(size, values.size()));
    for (int i = 0; i < values.size(); i++) {
      store(element, values.get(i), ptr + i * size);
    }
    return new int[] {ptr, values.size()};
  }

  private int allocate(int alignment, int size) {
    int ptr = memory.realloc(0, 0, alignment, size);
    check(ptr, size, alignment, "memory the guest's realloc returned");
    return ptr;
  }

  // ---- flat core values ----

  /** The core values {@code value} flattens to, in {@link AbiLayout#flatten} order. */
  public long[] lowerFlat(WitType t, Object value) {
    return flat.lower(t, value);
  }

  /** Reads a value of {@code t} from flat core values, starting at {@code cursor[0]}. */
  public Object liftFlat(WitType t, long[] flat, int[] cursor) {
    return this.flat.lift(t, flat, cursor);
  }

  // ---- helpers ----

  /** How a type is named in a trap message: {@code u32}, {@code string}, {@code record}. */
  private static String name(WitType t) {
    return t instanceof Prim p
        ? p.kind().name().toLowerCase(java.util.Locale.ROOT)
        : t.getClass().getSimpleName().replace("Of", "").toLowerCase(java.util.Locale.ROOT);
  }

  static int i32(long[] flat, int[] cursor) {
    return (int) flat[cursor[0]++];
  }

  static Case caseOf(VariantOf v, int disc) {
    if (disc < 0 || disc >= v.cases().size()) {
      throw new ComponentTrap(
          "discriminant "
              + (disc & 0xffff_ffffL)
              + " is not one of the "
              + v.cases().size()
              + " cases");
    }
    return v.cases().get(disc);
  }

  static Object variantValue(WitType t, int disc, Object payload) {
    return switch (t) {
      case OptionOf o -> disc == 0 ? Optional.empty() : Optional.of(payload);
      case EnumOf e -> disc;
      default -> new WitVariant(disc, payload);
    };
  }

  static WitVariant variantOf(WitType t, Object value) {
    return switch (t) {
      case OptionOf o -> {
        Optional<?> opt = (Optional<?>) value;
        yield opt.isPresent() ? new WitVariant(1, opt.get()) : new WitVariant(0, null);
      }
      case EnumOf e -> new WitVariant((Integer) value, null);
      default -> (WitVariant) value;
    };
  }

  static int mask(FlagsOf f) {
    int n = f.labels().size();
    return n == 32 ? -1 : (1 << n) - 1;
  }

  static int codePoint(int c) {
    if (c < 0 || c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) {
      throw new ComponentTrap("0x" + Integer.toHexString(c) + " is not a Unicode scalar value");
    }
    return c;
  }

  static int hostCodePoint(int c) {
    if (c < 0 || c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) {
      throw new IllegalArgumentException("0x" + Integer.toHexString(c) + " is not a char");
    }
    return c;
  }

  private ByteBuffer bytes(int ptr, int len) {
    byte[] raw = new byte[len];
    memory.read(ptr, raw, 0, len);
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void write(int ptr, ByteBuffer b) {
    memory.write(ptr, b.array(), 0, b.position());
  }

  private void check(int ptr, long length, int alignment, Object what) {
    long p = ptr & 0xffff_ffffL;
    if (p % alignment != 0) {
      throw new ComponentTrap(
          what + " pointer 0x" + Long.toHexString(p) + " is not " + alignment + "-byte aligned");
    }
    if (p + length > memory.size()) {
      throw new ComponentTrap(
          what
              + " at 0x"
              + Long.toHexString(p)
              + " ("
              + length
              + " bytes) is outside the "
              + memory.size()
              + "-byte memory");
    }
  }
}
