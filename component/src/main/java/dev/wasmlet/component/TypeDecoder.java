package dev.wasmlet.component;

import dev.wasmlet.component.CType.Extern;
import dev.wasmlet.component.WitType.Case;
import dev.wasmlet.component.WitType.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads type definitions and extern descriptors for {@link ComponentDecoder} into {@link CType} and
 * {@link WitType}: value, function, instance, component and resource types, with abstract resources
 * ({@code sub resource}) given placeholder keys that an import later makes concrete.
 */
final class TypeDecoder {
  /** Shared with nested components: [0] abstract resources, [1] the component's own. */
  private final int[] ids;

  private final Map<String, Integer> dtors;

  TypeDecoder(int[] ids, Map<String, Integer> dtors) {
    this.ids = ids;
    this.dtors = dtors;
  }

  Extern externDesc(WasmReader in, DecoderScope s) {
    int kind = in.u8("extern kind");
    switch (kind) {
      case 0x00 -> {
        in.u8("core sort");
        in.index("core type");
        return new Extern(kind, new CType.Opaque("core module"));
      }
      case 0x02 -> {
        if (in.u8("value bound") == 0x00) {
          in.index("value");
        } else {
          valType(in, s);
        }
        return new Extern(kind, new CType.Opaque("value"));
      }
      case 0x03 -> {
        CType t =
            in.u8("type bound") == 0x00
                ? s.types.get(in.index("type"))
                : new CType.Resource("?" + ids[0]++);
        s.types.add(t);
        return new Extern(kind, t);
      }
      default -> {
        return new Extern(kind, s.types.get(in.index("type")));
      }
    }
  }

  CType type(WasmReader in, DecoderScope s) {
    int at = in.offset();
    int form = in.peek("type form");
    switch (form) {
      case 0x3f -> {
        in.u8("type form");
        in.u8("rep");
        int dtor = in.u8("dtor flag") == 1 ? in.index("dtor") : -1;
        String key = "component#" + ids[1]++;
        dtors.put(key, dtor);
        return new CType.Resource(key);
      }
      case 0x40 -> {
        in.u8("type form");
        List<String> names = new ArrayList<>();
        List<WitType> params = new ArrayList<>();
        ComponentDecoder.vec(
            in,
            () -> {
              names.add(in.name("param"));
              params.add(valType(in, s));
            });
        Optional<WitType> result =
            in.u8("result list") == 0x00 ? Optional.of(valType(in, s)) : Optional.empty();
        if (result.isEmpty()) {
          in.u8("empty result list");
        }
        return new CType.Func(names, params, result);
      }
      case 0x41, 0x42 -> {
        in.u8("type form");
        DecoderScope inner = new DecoderScope(s);
        Map<String, Extern> members = new LinkedHashMap<>();
        ComponentDecoder.vec(in, () -> declaration(in, inner, members));
        return form == 0x42 ? new CType.Instance(members) : new CType.Opaque("component");
      }
      case 0x43 -> throw ComponentDecoder.unsupported("an async function type (WASI 0.3)", at);
      default -> {
        return new CType.Val(defined(in, s));
      }
    }
  }

  private void declaration(WasmReader in, DecoderScope s, Map<String, Extern> members) {
    int kind = in.u8("declaration");
    switch (kind) {
      case 0x00 -> CoreTypes.read(in);
      case 0x01 -> s.types.add(type(in, s));
      case 0x02 -> {
        int sort = in.u8("alias sort");
        int core = sort == 0x00 ? in.u8("core sort") : -1;
        int target = in.u8("alias target");
        if (target == 0x02) {
          int count = in.index("outer count");
          int idx = in.index("outer index");
          if (core == -1) {
            DecoderScope o = s;
            for (int i = 0; i < count; i++) {
              o = o.parent;
            }
            s.types.add(o.types.get(idx));
          }
        } else {
          CType.Instance inst = (CType.Instance) s.instances.get(in.index("instance"));
          s.types.add(inst.exports().get(in.name("name")).type());
        }
      }
      default -> {
        String name = ComponentParser.externName(in);
        Extern e = externDesc(in, s);
        if (kind == 0x04) {
          members.put(name, e);
        } else if (e.sort() == Step.INSTANCE) {
          s.instances.add(e.type());
        }
      }
    }
  }

  private WitType defined(WasmReader in, DecoderScope s) {
    int at = in.offset();
    int form = in.u8("type form");
    WitType prim = primitive(form);
    if (prim != null) {
      return prim;
    }
    return switch (form) {
      case 0x72 -> {
        List<Field> fields = new ArrayList<>();
        ComponentDecoder.vec(in, () -> fields.add(new Field(in.name("field"), valType(in, s))));
        yield new WitType.RecordOf(fields);
      }
      case 0x71 -> {
        List<Case> cases = new ArrayList<>();
        ComponentDecoder.vec(
            in,
            () -> {
              String name = in.name("case");
              cases.add(new Case(name, optional(in, s)));
              in.u8("refines");
            });
        yield new WitType.VariantOf(cases);
      }
      case 0x70 -> new WitType.ListOf(valType(in, s));
      case 0x6f -> {
        List<WitType> types = new ArrayList<>();
        ComponentDecoder.vec(in, () -> types.add(valType(in, s)));
        yield new WitType.TupleOf(types);
      }
      case 0x6e, 0x6d -> {
        List<String> labels = new ArrayList<>();
        ComponentDecoder.vec(in, () -> labels.add(in.name("label")));
        yield form == 0x6e ? new WitType.FlagsOf(labels) : new WitType.EnumOf(labels);
      }
      case 0x6b -> new WitType.OptionOf(valType(in, s));
      case 0x6a -> {
        Optional<WitType> ok = optional(in, s);
        yield new WitType.ResultOf(ok, optional(in, s));
      }
      case 0x69, 0x68 -> {
        CType t = s.types.get(in.index("resource"));
        if (!(t instanceof CType.Resource res)) {
          throw new ComponentException(
              "own/borrow at byte offset " + at + " names a type that is not a resource");
        }
        yield new WitType.Handle(res.key(), form == 0x69);
      }
      default ->
          throw ComponentDecoder.unsupported(
              switch (form) {
                case 0x66 -> "the stream type (WASI 0.3)";
                case 0x65 -> "the future type (WASI 0.3)";
                case 0x64 -> "the error-context type (WASI 0.3)";
                case 0x67 -> "a fixed-length list";
                default -> "a map type";
              },
              at);
    };
  }

  private WitType valType(WasmReader in, DecoderScope s) {
    int at = in.offset();
    WitType prim = primitive(in.peek("value type"));
    if (prim != null) {
      in.u8("value type");
      return prim;
    }
    CType t = s.types.get((int) in.s33("value type"));
    if (t instanceof CType.Val v) {
      return v.type();
    }
    throw new ComponentException(
        "value type at byte offset " + at + " names a " + t + ", not a value type");
  }

  private Optional<WitType> optional(WasmReader in, DecoderScope s) {
    return in.u8("optional flag") == 1 ? Optional.of(valType(in, s)) : Optional.empty();
  }

  private static WitType primitive(int b) {
    if (b >= 0x73 && b <= 0x7f) {
      return WitType.of(WitType.Kind.values()[0x7f - b]);
    }
    return null;
  }
}
