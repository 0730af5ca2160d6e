package dev.wasmlet.component;

import dev.wasmlet.component.ComponentScope.Type;
import dev.wasmlet.component.Inspection.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a component (binary version 0x0d, layer 1) section by section, every section of the
 * component model's binary format, checking every index against its index space. A malformed binary
 * is refused with the construct and its byte offset ({@link ComponentMalformed}). The result is
 * what the component imports and exports, with types rendered as WIT-like text.
 */
public final class ComponentParser {
  private static final String[] SECTIONS = {
    "custom",
    "core module",
    "core instance",
    "core type",
    "component",
    "instance",
    "alias",
    "type",
    "canon",
    "start",
    "import",
    "export",
    "value"
  };

  private final WasmReader r;
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  private ComponentParser(byte[] bytes) {
    this.r = new WasmReader(bytes);
  }

  /** Inspects a component's bytes; see {@link #isComponent} to choose this or a module reader. */
  public static Inspection inspect(byte[] bytes) {
    ComponentParser p = new ComponentParser(bytes);
    p.preamble(p.r);
    ComponentScope top = new ComponentScope(null);
    List<Item> imports = new ArrayList<>();
    List<Item> exports = new ArrayList<>();
    p.body(p.r, top, imports, exports);
    return new Inspection("component", imports, exports, p.counts);
  }

  /** True when the header says component (layer 1), false for a core module (layer 0). */
  public static boolean isComponent(byte[] bytes) {
    return bytes.length >= 8 && isWasm(bytes) && (bytes[6] != 0 || bytes[7] != 0);
  }

  static boolean isWasm(byte[] b) {
    return b.length >= 8 && b[0] == 0 && b[1] == 'a' && b[2] == 's' && b[3] == 'm';
  }

  private void preamble(WasmReader in) {
    byte[] head = in.slice(0, Math.min(8, in.remaining()));
    if (!isWasm(head)) {
      throw in.fail("not WebAssembly: the file does not start with the \\0asm magic bytes", 0);
    }
    in.window(4, "magic");
    int version = in.u8("version") | in.u8("version") << 8;
    int layer = in.u8("layer") | in.u8("layer") << 8;
    if (layer != 1) {
      throw in.fail("layer " + layer + " is not a component (layer 1)", 6);
    }
    if (version != 0x0d) {
      throw in.fail(
          String.format(
              "component binary version 0x%x is not supported; Wasmlet reads version 0x0d (the"
                  + " component model's current encoding, as wasm-tools 1.2xx writes it)",
              version),
          4);
    }
  }

  private void body(WasmReader in, ComponentScope s, List<Item> imports, List<Item> exports) {
    while (!in.atEnd()) {
      int at = in.offset();
      int id = in.u8("section id");
      if (id >= SECTIONS.length) {
        throw in.badByte(id, "component section id", at);
      }
      int size = in.count(SECTIONS[id] + " section size");
      WasmReader sec = in.window(size, SECTIONS[id] + " section");
      counts.merge(SECTIONS[id], 1, Integer::sum);
      switch (id) {
        case 0 -> {
          sec.name("custom section name");
          sec.window(sec.remaining(), "custom section");
        }
        case 1 -> coreModule(sec, s);
        case 2 -> vec(sec, "core instance", () -> coreInstance(sec, s));
        case 3 -> vec(sec, "core type", () -> coreType(sec, s));
        case 4 -> nested(sec, s);
        case 5 -> vec(sec, "instance", () -> instance(sec, s));
        case 6 -> vec(sec, "alias", () -> AliasCanonSections.alias(sec, s));
        case 7 -> vec(sec, "type", () -> s.types.add(type(sec, s)));
        case 8 -> vec(sec, "canon", () -> AliasCanonSections.canon(sec, s));
        case 9 -> start(sec, s);
        case 10 -> vec(sec, "import", () -> imports.add(extern(sec, s, true)));
        case 11 -> vec(sec, "export", () -> exports.add(export(sec, s)));
        default -> vec(sec, "value", () -> value(sec, s));
      }
      if (!sec.atEnd()) {
        throw sec.fail(SECTIONS[id] + " section has " + sec.remaining() + " unread bytes", at);
      }
    }
  }

  static void vec(WasmReader in, String what, Runnable item) {
    int n = in.count(what + " count");
    for (int i = 0; i < n; i++) {
      item.run();
    }
  }

  private static void coreModule(WasmReader sec, ComponentScope s) {
    int at = sec.offset();
    byte[] head = sec.slice(at, at + Math.min(8, sec.remaining()));
    if (!isWasm(head) || head[4] != 1 || head[6] != 0 || head[7] != 0) {
      throw sec.fail("core module section does not hold a version-1 core module", at);
    }
    sec.window(sec.remaining(), "core module");
    s.coreModules++;
  }

  private void nested(WasmReader sec, ComponentScope s) {
    int at = sec.offset();
    WasmReader inner = sec.window(sec.remaining(), "nested component");
    preamble(inner, at);
    ComponentScope scope = new ComponentScope(s);
    List<Item> exports = new ArrayList<>();
    body(inner, scope, new ArrayList<>(), exports);
    s.components.add(exports);
  }

  /** The preamble of a nested component, whose bytes start at {@code at}. */
  private static void preamble(WasmReader in, int at) {
    int magic = in.u8("magic");
    if (magic != 0 || in.u8("magic") != 'a' || in.u8("magic") != 's' || in.u8("magic") != 'm') {
      throw in.fail("nested component does not start with the \\0asm magic bytes", at);
    }
    int version = in.u8("version") | in.u8("version") << 8;
    int layer = in.u8("layer") | in.u8("layer") << 8;
    if (version != 0x0d || layer != 1) {
      throw in.fail("nested component is not a version 0x0d layer 1 component", at);
    }
  }

  private static void coreInstance(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int kind = in.u8("core instance kind");
    if (kind == 0x00) {
      s.checkCore(s.coreModules, in.index("module index"), "core module", in, at);
      vec(
          in,
          "core instantiation argument",
          () -> {
            in.name("argument name");
            int sortAt = in.offset();
            int sort = in.u8("argument sort");
            if (sort != 0x12) {
              throw in.badByte(
                  sort, "core instantiation argument sort (expected instance)", sortAt);
            }
            s.checkCore(s.coreInstances, in.index("instance index"), "core instance", in, sortAt);
          });
    } else if (kind == 0x01) {
      vec(
          in,
          "core inline export",
          () -> {
            in.name("export name");
            coreSortIndex(in, s, in.u8("core export sort"), in.offset() - 1);
          });
    } else {
      throw in.badByte(kind, "core instance kind", at);
    }
    s.coreInstances++;
  }

  /** Reads a core index of {@code sort} and checks it. */
  private static void coreSortIndex(WasmReader in, ComponentScope s, int sort, int at) {
    int idx = in.index("core index");
    switch (sort) {
      case 0x00 -> s.checkCore(s.coreFuncs, idx, "core function", in, at);
      case 0x01 -> s.checkCore(s.coreTables, idx, "core table", in, at);
      case 0x02 -> s.checkCore(s.coreMemories, idx, "core memory", in, at);
      case 0x03 -> s.checkCore(s.coreGlobals, idx, "core global", in, at);
      case 0x04 -> s.checkCore(s.coreTags, idx, "core tag", in, at);
      default -> throw in.badByte(sort, "core sort", at);
    }
  }

  private static void coreType(WasmReader in, ComponentScope s) {
    CoreTypes.read(in);
    s.coreTypes++;
  }

  private void instance(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int kind = in.u8("instance kind");
    if (kind == 0x00) {
      List<Item> exports = s.component(in.index("component index"), in, at);
      vec(
          in,
          "instantiation argument",
          () -> {
            in.name("argument name");
            sortIndex(in, s);
          });
      s.instances.add(exports);
    } else if (kind == 0x01) {
      List<Item> members = new ArrayList<>();
      vec(
          in,
          "inline export",
          () -> {
            String name = externName(in);
            Item item = sortIndex(in, s);
            members.add(new Item(name, item.sort(), item.wit(), item.members()));
          });
      s.instances.add(members);
    } else {
      throw in.badByte(kind, "instance kind", at);
    }
  }

  /** Reads a sort and an index of it; returns what it refers to (name left empty). */
  private static Item sortIndex(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int sort = in.u8("sort");
    if (sort == 0x00) {
      int core = in.u8("core sort");
      if (core == 0x11) {
        s.checkCore(s.coreModules, in.index("core module index"), "core module", in, at);
        return new Item("", "core module", "", List.of());
      }
      coreSortIndex(in, s, core, at);
      return new Item("", "core", "", List.of());
    }
    int idx = in.index("index");
    return switch (sort) {
      case 0x01 -> new Item("", "func", s.func(idx, in, at), List.of());
      case 0x02 -> {
        if (idx >= s.values) {
          throw in.fail("value index " + idx + " is out of bounds", at);
        }
        yield new Item("", "value", "", List.of());
      }
      case 0x03 -> {
        Type t = s.type(idx, in, at);
        yield new Item("", "type", t.def(), t.members());
      }
      case 0x04 -> new Item("", "component", "", s.component(idx, in, at));
      case 0x05 -> new Item("", "instance", "", s.instance(idx, in, at));
      default -> throw in.badByte(sort, "sort", at);
    };
  }

  static Type type(WasmReader in, ComponentScope s) {
    return ComponentTypes.read(in, s);
  }

  private static void start(WasmReader in, ComponentScope s) {
    int at = in.offset();
    s.func(in.index("start function index"), in, at);
    vec(
        in,
        "start argument",
        () -> {
          if (in.index("value index") >= s.values) {
            throw in.fail("start argument value index out of bounds", at);
          }
        });
    int results = in.count("start results");
    s.values += results;
  }

  private static void value(WasmReader in, ComponentScope s) {
    ComponentTypes.valType(in, s);
    int len = in.count("value length");
    in.window(len, "value");
    s.values++;
  }

  /** An import (or, in types, an import/export declaration): name and extern descriptor. */
  static Item extern(WasmReader in, ComponentScope s, boolean addToScope) {
    String name = externName(in);
    Item desc = ComponentTypes.externDesc(in, s, name);
    if (addToScope && !desc.sort().equals("type")) {
      s.add(desc.sort(), desc.wit(), desc.members());
    }
    return desc;
  }

  private static Item export(WasmReader in, ComponentScope s) {
    String name = externName(in);
    Item target = sortIndex(in, s);
    int at = in.offset();
    int has = in.u8("export type ascription flag");
    Item item;
    if (has == 0x01) {
      Item ascribed = ComponentTypes.externDesc(in, s, name);
      item = ascribed;
    } else if (has == 0x00) {
      item = new Item(name, target.sort(), target.wit(), target.members());
      if (item.sort().equals("type")) {
        s.types.add(new Type(name, target.wit(), target.members()));
      }
    } else {
      throw in.badByte(has, "export type ascription flag", at);
    }
    if (!item.sort().equals("type")) {
      s.add(item.sort(), item.wit(), item.members());
    }
    return item;
  }

  /** An import or export name: a leading 0x00 (0x01 in older binaries) or 0x02 with options. */
  static String externName(WasmReader in) {
    int at = in.offset();
    int b = in.u8("name kind");
    if (b != 0x00 && b != 0x01 && b != 0x02) {
      throw in.badByte(b, "import/export name kind", at);
    }
    String name = in.name("import/export name");
    if (b == 0x02) {
      int n = in.count("name option count");
      String suffix = "";
      for (int i = 0; i < n; i++) {
        int optAt = in.offset();
        int opt = in.u8("name option");
        if (opt > 2) {
          throw in.badByte(opt, "name option", optAt);
        }
        String v = in.name("name option value");
        if (opt == 1) {
          suffix = v;
        }
      }
      if (!suffix.isEmpty() && name.contains("@")) {
        name = name + suffix;
      }
    }
    return name;
  }
}
