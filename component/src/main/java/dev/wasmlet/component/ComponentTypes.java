package dev.wasmlet.component;

import dev.wasmlet.component.ComponentScope.Type;
import dev.wasmlet.component.Inspection.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads component type definitions (value, function, component, instance and resource types) and
 * extern descriptors, rendering each as the WIT-like text inspection shows.
 */
final class ComponentTypes {
  private ComponentTypes() {}

  private static final String[] PRIMITIVES = {
    "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char", "string"
  };

  /** The name of a primitive value type byte, or null. */
  static String primitive(int b) {
    if (b >= 0x73 && b <= 0x7f) {
      return PRIMITIVES[0x7f - b];
    }
    return b == 0x64 ? "error-context" : null;
  }

  static Type read(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int form = in.u8("type form");
    String prim = primitive(form);
    if (prim != null) {
      return anonymous(prim);
    }
    return switch (form) {
      case 0x72 -> {
        StringJoiner j = new StringJoiner(", ", "record { ", " }");
        int n = in.count("record field count");
        for (int i = 0; i < n; i++) {
          j.add(in.name("field name") + ": " + valType(in, s));
        }
        yield anonymous(j.toString());
      }
      case 0x71 -> {
        StringJoiner j = new StringJoiner(", ", "variant { ", " }");
        int n = in.count("variant case count");
        for (int i = 0; i < n; i++) {
          String name = in.name("case name");
          String payload = optional(in, s);
          int zeroAt = in.offset();
          if (in.u8("case refines byte") != 0) {
            throw in.fail("variant case refinement is not supported", zeroAt);
          }
          j.add(payload == null ? name : name + "(" + payload + ")");
        }
        yield anonymous(j.toString());
      }
      case 0x70 -> anonymous("list<" + valType(in, s) + ">");
      case 0x67 -> {
        String t = valType(in, s);
        yield anonymous("list<" + t + ", " + in.u32("fixed list length") + ">");
      }
      case 0x63 -> {
        String k = valType(in, s);
        yield anonymous("map<" + k + ", " + valType(in, s) + ">");
      }
      case 0x6f -> {
        StringJoiner j = new StringJoiner(", ", "tuple<", ">");
        int n = in.count("tuple arity");
        for (int i = 0; i < n; i++) {
          j.add(valType(in, s));
        }
        yield anonymous(j.toString());
      }
      case 0x6e, 0x6d -> {
        StringJoiner j = new StringJoiner(", ", form == 0x6e ? "flags { " : "enum { ", " }");
        int n = in.count("label count");
        for (int i = 0; i < n; i++) {
          j.add(in.name("label"));
        }
        yield anonymous(j.toString());
      }
      case 0x6b -> anonymous("option<" + valType(in, s) + ">");
      case 0x6a -> {
        String ok = optional(in, s);
        String err = optional(in, s);
        if (ok == null && err == null) {
          yield anonymous("result");
        }
        yield anonymous(
            "result<" + (ok == null ? "_" : ok) + (err == null ? "" : ", " + err) + ">");
      }
      case 0x69, 0x68 -> {
        Type res = s.type(in.index("resource type index"), in, at);
        yield anonymous((form == 0x69 ? "own<" : "borrow<") + res.ref() + ">");
      }
      case 0x66, 0x65 -> {
        String payload = optional(in, s);
        String kind = form == 0x66 ? "stream" : "future";
        yield anonymous(payload == null ? kind : kind + "<" + payload + ">");
      }
      case 0x3f -> {
        CoreTypes.valType(in);
        if (optionalFlag(in, "resource destructor flag")) {
          s.checkCore(s.coreFuncs, in.index("destructor index"), "core function", in, at);
        }
        yield anonymous("resource");
      }
      case 0x40, 0x43 -> anonymous(func(in, s, form == 0x43));
      case 0x41, 0x42 -> {
        ComponentScope inner = new ComponentScope(s);
        List<Item> members = new ArrayList<>();
        int n = in.count("declaration count");
        for (int i = 0; i < n; i++) {
          declaration(in, inner, members, form == 0x41);
        }
        yield new Type(form == 0x41 ? "component" : "instance", "", members);
      }
      default -> throw in.badByte(form, "type form", at);
    };
  }

  private static Type anonymous(String def) {
    return new Type(def, def, List.of());
  }

  private static String func(WasmReader in, ComponentScope s, boolean async) {
    StringJoiner params = new StringJoiner(", ", async ? "async func(" : "func(", ")");
    int n = in.count("parameter count");
    for (int i = 0; i < n; i++) {
      params.add(in.name("parameter name") + ": " + valType(in, s));
    }
    int at = in.offset();
    int results = in.u8("result list");
    if (results == 0x00) {
      return params + " -> " + valType(in, s);
    }
    if (results == 0x01 && in.u8("empty result list") == 0x00) {
      return params.toString();
    }
    throw in.fail("malformed function result list", at);
  }

  private static void declaration(
      WasmReader in, ComponentScope s, List<Item> members, boolean component) {
    int at = in.offset();
    int kind = in.u8("type declaration");
    switch (kind) {
      case 0x00 -> {
        CoreTypes.read(in);
        s.coreTypes++;
      }
      case 0x01 -> s.types.add(read(in, s));
      case 0x02 -> {
        int sort = in.u8("alias sort");
        int core = sort == 0x00 ? in.u8("alias core sort") : -1;
        int target = in.u8("alias target");
        if (target == 0x02 && sort == 0x03) {
          ComponentScope o = s.outer(in.index("outer count"), in, at);
          s.types.add(o.type(in.index("outer index"), in, at));
        } else if (target == 0x02 && sort == 0x00 && core == 0x10) {
          in.index("outer count");
          in.index("outer index");
          s.coreTypes++;
        } else if (target == 0x00 && sort == 0x03) {
          List<Item> inst = s.instance(in.index("instance index"), in, at);
          String name = in.name("export name");
          Item m =
              inst.stream()
                  .filter(i -> i.name().equals(name))
                  .findFirst()
                  .orElseThrow(() -> in.fail("no export named \"" + name + "\"", at));
          s.types.add(new Type(name, m.wit(), m.members()));
        } else {
          throw in.fail("this alias is not allowed in a type declaration", at);
        }
      }
      case 0x03, 0x04 -> {
        if (kind == 0x03 && !component) {
          throw in.fail("an instance type cannot declare imports", at);
        }
        Item item = ComponentParser.extern(in, s, true);
        if (kind == 0x04) {
          members.add(item);
        }
      }
      default -> throw in.badByte(kind, "type declaration", at);
    }
  }

  /** An extern descriptor for {@code name}; a type export also enters the type index space. */
  static Item externDesc(WasmReader in, ComponentScope s, String name) {
    int at = in.offset();
    int kind = in.u8("extern kind");
    switch (kind) {
      case 0x00 -> {
        int core = in.u8("core extern kind");
        if (core != 0x11) {
          throw in.badByte(core, "core extern kind (expected module)", at);
        }
        s.checkCore(s.coreTypes, in.index("core type index"), "core type", in, at);
        return new Item(name, "core module", "", List.of());
      }
      case 0x01 -> {
        return new Item(name, "func", s.type(in.index("type index"), in, at).def(), List.of());
      }
      case 0x02 -> {
        int bound = in.u8("value bound");
        String t;
        if (bound == 0x00) {
          in.index("value index");
          t = "value";
        } else if (bound == 0x01) {
          t = valType(in, s);
        } else {
          throw in.badByte(bound, "value bound", at);
        }
        return new Item(name, "value", t, List.of());
      }
      case 0x03 -> {
        int bound = in.u8("type bound");
        Type t;
        if (bound == 0x00) {
          Type eq = s.type(in.index("type index"), in, at);
          t = new Type(name, eq.def(), eq.members());
        } else if (bound == 0x01) {
          t = new Type(name, "resource", List.of());
        } else {
          throw in.badByte(bound, "type bound", at);
        }
        s.types.add(t);
        return new Item(name, "type", t.def(), t.members());
      }
      case 0x04, 0x05 -> {
        Type t = s.type(in.index("type index"), in, at);
        String expected = kind == 0x04 ? "component" : "instance";
        if (!t.ref().equals(expected)) {
          throw in.fail(name + ": type " + t.ref() + " is not " + expected + " type", at);
        }
        return new Item(name, expected, "", t.members());
      }
      default -> throw in.badByte(kind, "extern kind", at);
    }
  }

  static String valType(WasmReader in, ComponentScope s) {
    int at = in.offset();
    String prim = primitive(in.peek("value type"));
    if (prim != null) {
      in.u8("value type");
      return prim;
    }
    long idx = in.s33("value type");
    if (idx < 0) {
      throw in.badByte((int) idx & 0x7f, "primitive value type", at);
    }
    return s.type((int) idx, in, at).ref();
  }

  private static String optional(WasmReader in, ComponentScope s) {
    return optionalFlag(in, "optional value type flag") ? valType(in, s) : null;
  }

  private static boolean optionalFlag(WasmReader in, String what) {
    int at = in.offset();
    int b = in.u8(what);
    if (b > 1) {
      throw in.badByte(b, what, at);
    }
    return b == 1;
  }
}
