package dev.wasmlet.component;

import static dev.wasmlet.component.WitType.Kind.BOOL;
import static dev.wasmlet.component.WitType.Kind.CHAR;
import static dev.wasmlet.component.WitType.Kind.F32;
import static dev.wasmlet.component.WitType.Kind.F64;
import static dev.wasmlet.component.WitType.Kind.S16;
import static dev.wasmlet.component.WitType.Kind.S32;
import static dev.wasmlet.component.WitType.Kind.S64;
import static dev.wasmlet.component.WitType.Kind.S8;
import static dev.wasmlet.component.WitType.Kind.STRING;
import static dev.wasmlet.component.WitType.Kind.U16;
import static dev.wasmlet.component.WitType.Kind.U32;
import static dev.wasmlet.component.WitType.Kind.U64;
import static dev.wasmlet.component.WitType.Kind.U8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.component.AbiLayout.Core;
import dev.wasmlet.component.CanonicalAbi.StringEncoding;
import dev.wasmlet.component.WitType.Case;
import dev.wasmlet.component.WitType.EnumOf;
import dev.wasmlet.component.WitType.Field;
import dev.wasmlet.component.WitType.FlagsOf;
import dev.wasmlet.component.WitType.Handle;
import dev.wasmlet.component.WitType.ListOf;
import dev.wasmlet.component.WitType.OptionOf;
import dev.wasmlet.component.WitType.RecordOf;
import dev.wasmlet.component.WitType.ResultOf;
import dev.wasmlet.component.WitType.TupleOf;
import dev.wasmlet.component.WitType.VariantOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The canonical ABI's layouts, flattenings and value round trips, with byte layouts and traps from
 * the rules of the component model's CanonicalABI.md.
 */
class CanonicalAbiTest {
  /** A 64 KiB memory whose realloc bumps a pointer, recording every allocation. */
  static final class BumpMemory implements GuestMemory {
    final byte[] bytes = new byte[65536];
    final List<int[]> allocations = new ArrayList<>();
    int next = 1024;

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void read(int address, byte[] into, int offset, int length) {
      System.arraycopy(bytes, address, into, offset, length);
    }

    @Override
    public void write(int address, byte[] from, int offset, int length) {
      System.arraycopy(from, offset, bytes, address, length);
    }

    @Override
    public int realloc(int oldPointer, int oldSize, int alignment, int newSize) {
      next = AbiLayout.alignTo(next, alignment);
      int ptr = next;
      next += newSize;
      allocations.add(new int[] {ptr, alignment, newSize});
      return ptr;
    }
  }

  private static WitType p(WitType.Kind k) {
    return WitType.of(k);
  }

  private static final RecordOf POINT =
      new RecordOf(List.of(new Field("x", p(S32)), new Field("y", p(S32))));
  private static final VariantOf SHAPE =
      new VariantOf(
          List.of(
              new Case("circle", Optional.of(p(F32))),
              new Case("rect", Optional.of(POINT)),
              new Case("nothing", Optional.empty())));
  private static final FlagsOf PERMS = new FlagsOf(List.of("read", "write", "exec"));
  private static final EnumOf COLOR = new EnumOf(List.of("red", "green", "blue"));

  /** The wasmlet:abi test component's `everything` record, field for field. */
  static final RecordOf EVERYTHING =
      new RecordOf(
          List.of(
              new Field("b", p(BOOL)),
              new Field("u8v", p(U8)),
              new Field("s8v", p(S8)),
              new Field("u16v", p(U16)),
              new Field("s16v", p(S16)),
              new Field("u32v", p(U32)),
              new Field("s32v", p(S32)),
              new Field("u64v", p(U64)),
              new Field("s64v", p(S64)),
              new Field("f32v", p(F32)),
              new Field("f64v", p(F64)),
              new Field("c", p(CHAR)),
              new Field("s", p(STRING)),
              new Field("bytes", new ListOf(p(U8))),
              new Field("points", new ListOf(POINT)),
              new Field("tup", new TupleOf(List.of(p(U8), p(STRING), p(F64)))),
              new Field("opt", new OptionOf(p(STRING))),
              new Field("res", new ResultOf(Optional.of(p(U32)), Optional.of(p(STRING)))),
              new Field("col", COLOR),
              new Field("sh", SHAPE),
              new Field("perms", PERMS),
              new Field("nested", new ListOf(new ListOf(p(STRING))))));

  static List<Object> everything() {
    return List.of(
        true,
        255,
        -128,
        65535,
        -32768,
        4_294_967_295L,
        Integer.MIN_VALUE,
        -1L,
        Long.MIN_VALUE,
        1.5f,
        -2.25,
        0x1F600,
        "héllo, wörld \uD83D\uDE00",
        new byte[] {0, 1, (byte) 0xff},
        List.of(List.of(1, -2), List.of(3, 4)),
        List.of(7, "tuple", 0.5),
        Optional.of("some"),
        WitVariant.err("bad"),
        2,
        new WitVariant(1, List.of(5, 6)),
        0b101,
        List.of(List.of("a", ""), List.of(), List.of("z")));
  }

  @Test
  void layoutsFollowTheAbiRules() {
    RecordOf small = new RecordOf(List.of(new Field("a", p(U8)), new Field("b", p(U32))));
    assertThat(AbiLayout.size(small)).isEqualTo(8);
    assertThat(AbiLayout.alignment(small)).isEqualTo(4);
    ResultOf res = new ResultOf(Optional.of(p(U32)), Optional.of(p(STRING)));
    assertThat(AbiLayout.size(res)).isEqualTo(12);
    assertThat(AbiLayout.size(new OptionOf(p(F64)))).isEqualTo(16);
    assertThat(AbiLayout.size(SHAPE)).isEqualTo(12);
    assertThat(AbiLayout.size(PERMS)).isEqualTo(1);
    assertThat(AbiLayout.size(new FlagsOf(Collections17.labels(17)))).isEqualTo(4);
    assertThat(AbiLayout.size(new TupleOf(List.of(p(U8), p(STRING), p(F64))))).isEqualTo(24);
    assertThat(AbiLayout.flatten(SHAPE)).containsExactly(Core.I32, Core.I32, Core.I32);
    assertThat(AbiLayout.flatten(res)).containsExactly(Core.I32, Core.I32, Core.I32);
    assertThat(AbiLayout.flatten(new OptionOf(p(F64)))).containsExactly(Core.I32, Core.F64);
    VariantOf mixed =
        new VariantOf(
            List.of(new Case("a", Optional.of(p(F32))), new Case("b", Optional.of(p(U64)))));
    assertThat(AbiLayout.flatten(mixed)).containsExactly(Core.I32, Core.I64);
    assertThat(AbiLayout.flatten(EVERYTHING)).hasSize(35);
  }

  @Test
  void aRecordIsStoredAtItsFieldOffsetsLittleEndian() {
    BumpMemory m = new BumpMemory();
    RecordOf small = new RecordOf(List.of(new Field("a", p(U8)), new Field("b", p(U32))));
    new CanonicalAbi(m, StringEncoding.UTF8).store(small, List.of(1, 0x0a0b0c0dL), 16);
    assertThat(Arrays.copyOfRange(m.bytes, 16, 24))
        .containsExactly(1, 0, 0, 0, 0x0d, 0x0c, 0x0b, 0x0a);
  }

  @Test
  void everyValueKindSurvivesMemoryAndFlatRoundTripsInBothEncodings() {
    for (StringEncoding enc : StringEncoding.values()) {
      BumpMemory m = new BumpMemory();
      CanonicalAbi abi = new CanonicalAbi(m, enc);
      abi.store(EVERYTHING, everything(), 64);
      assertThat(normalise(abi.load(EVERYTHING, 64))).isEqualTo(normalise(everything()));
      long[] flat = abi.lowerFlat(EVERYTHING, everything());
      assertThat(flat).hasSize(AbiLayout.flatten(EVERYTHING).size());
      int[] cursor = {0};
      assertThat(normalise(abi.liftFlat(EVERYTHING, flat, cursor)))
          .isEqualTo(normalise(everything()));
      assertThat(cursor[0]).isEqualTo(flat.length);
      // Strings are allocated with the encoding's alignment and length in code units.
      assertThat(m.allocations).allSatisfy(a -> assertThat(a[0] % a[1]).isZero());
    }
    BumpMemory m16 = new BumpMemory();
    long[] s = new CanonicalAbi(m16, StringEncoding.UTF16).lowerFlat(p(STRING), "a\uD83D\uDE00");
    assertThat(s[1]).isEqualTo(3);
    assertThat(m16.allocations.get(0)[2]).isEqualTo(6);
  }

  @Test
  void variantPayloadsAreCoercedToTheJoinedFlatTypes() {
    VariantOf mixed =
        new VariantOf(
            List.of(new Case("a", Optional.of(p(F32))), new Case("b", Optional.of(p(U64)))));
    CanonicalAbi abi = new CanonicalAbi(new BumpMemory(), StringEncoding.UTF8);
    long[] flat = abi.lowerFlat(mixed, new WitVariant(0, -1.5f));
    assertThat(flat[0]).isZero();
    assertThat(flat[1]).isEqualTo(Float.floatToRawIntBits(-1.5f) & 0xffff_ffffL);
    assertThat(abi.liftFlat(mixed, flat, new int[] {0})).isEqualTo(new WitVariant(0, -1.5f));
    assertThatThrownBy(() -> abi.liftFlat(mixed, new long[] {0, 1L << 32}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessageContaining("does not fit");
    assertThat(abi.liftFlat(new OptionOf(p(U8)), new long[] {0, 0}, new int[] {0}))
        .isEqualTo(Optional.empty());
    assertThat(abi.lowerFlat(new Handle("fields", true), 7)).containsExactly(7);
  }

  @Test
  void whatAGuestHandsOverIsCheckedAndTrapsWhenWrong() {
    BumpMemory m = new BumpMemory();
    CanonicalAbi abi = new CanonicalAbi(m, StringEncoding.UTF8);
    m.bytes[100] = 3;
    assertThatThrownBy(() -> abi.load(SHAPE, 100))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("discriminant 3 is not one of the 3 cases");
    assertThatThrownBy(() -> abi.liftFlat(p(STRING), new long[] {65530, 100}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("string at 0xfffa (100 bytes) is outside the 65536-byte memory");
    assertThatThrownBy(() -> abi.liftFlat(new ListOf(POINT), new long[] {2, 1}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("list pointer 0x2 is not 4-byte aligned");
    assertThatThrownBy(
            () -> abi.liftFlat(new ListOf(p(U64)), new long[] {8, 0x2000_0000}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessageContaining("outside the 65536-byte memory");
    m.bytes[200] = (byte) 0xc3;
    m.bytes[201] = (byte) 0x28;
    assertThatThrownBy(() -> abi.liftFlat(p(STRING), new long[] {200, 2}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("string at 0xc8 is not valid UTF-8");
    assertThatThrownBy(() -> abi.liftFlat(p(CHAR), new long[] {0xd800}, new int[] {0}))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("0xd800 is not a Unicode scalar value");
    assertThatThrownBy(() -> abi.load(p(U32), 65536))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("u32 at 0x10000 (4 bytes) is outside the 65536-byte memory");
    assertThatThrownBy(() -> abi.load(p(U32), 65534))
        .isInstanceOf(ComponentTrap.class)
        .hasMessage("u32 pointer 0xfffe is not 4-byte aligned");
    // Flag bits beyond the labels are ignored, as the ABI says.
    assertThat(abi.liftFlat(PERMS, new long[] {0xff}, new int[] {0})).isEqualTo(0b111);
  }

  /** byte[] compares by content. */
  private static Object normalise(Object v) {
    if (v instanceof byte[] b) {
      List<Integer> out = new ArrayList<>();
      for (byte x : b) {
        out.add(x & 0xff);
      }
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(CanonicalAbiTest::normalise).toList();
    }
    if (v instanceof WitVariant w) {
      return new WitVariant(w.caseIndex(), normalise(w.payload()));
    }
    if (v instanceof Optional<?> o) {
      return o.map(CanonicalAbiTest::normalise);
    }
    return v;
  }

  /** Labels for a flags type of {@code n} labels. */
  static final class Collections17 {
    static List<String> labels(int n) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add("f" + i);
      }
      return out;
    }
  }
}
