package dev.wasmlet.component;

import java.util.List;
import java.util.Optional;

/**
 * A resolved WIT value type, as the canonical ABI lays it out. Java values by type: bool {@code
 * Boolean}; s8, u8, s16, u16, s32 {@code Integer}; u32, s64, u64 {@code Long} (u64 as raw bits);
 * f32 {@code Float}; f64 {@code Double}; char {@code Integer} (a code point); string {@code
 * String}; list&lt;u8&gt; {@code byte[]}; other lists, records and tuples {@code List<Object>};
 * variants and results {@link WitVariant}; enums {@code Integer} (the case); options {@code
 * Optional<Object>}; flags {@code Integer} (bit i is label i); own and borrow {@code Integer} (the
 * handle).
 */
public sealed interface WitType {
  /** The scalar and string types. */
  enum Kind {
    BOOL,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    CHAR,
    STRING
  }

  record Prim(Kind kind) implements WitType {}

  record ListOf(WitType element) implements WitType {}

  record Field(String name, WitType type) {}

  record RecordOf(List<Field> fields) implements WitType {
    public RecordOf {
      fields = List.copyOf(fields);
    }
  }

  record TupleOf(List<WitType> types) implements WitType {
    public TupleOf {
      types = List.copyOf(types);
    }
  }

  record Case(String name, Optional<WitType> payload) {}

  record VariantOf(List<Case> cases) implements WitType {
    public VariantOf {
      cases = List.copyOf(cases);
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("a variant needs at least one case");
      }
    }
  }

  record EnumOf(List<String> labels) implements WitType {
    public EnumOf {
      labels = List.copyOf(labels);
    }
  }

  record OptionOf(WitType payload) implements WitType {}

  record ResultOf(Optional<WitType> ok, Optional<WitType> err) implements WitType {}

  record FlagsOf(List<String> labels) implements WitType {
    public FlagsOf {
      labels = List.copyOf(labels);
      if (labels.isEmpty() || labels.size() > 32) {
        throw new IllegalArgumentException("flags need 1 to 32 labels, not " + labels.size());
      }
    }
  }

  /** An owned or borrowed handle to a resource named {@code resource}. */
  record Handle(String resource, boolean owned) implements WitType {}

  static WitType of(Kind kind) {
    return new Prim(kind);
  }
}
