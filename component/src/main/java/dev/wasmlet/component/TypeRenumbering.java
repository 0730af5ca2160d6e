package dev.wasmlet.component;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Gives the core modules of one component a single function-type numbering.
 *
 * <p>Modules linked shared-everything style (componentize-py: 14 modules, one table) call each
 * other's functions through {@code call_indirect}. Chicory 1.7.5's compiled code checks such a call
 * by comparing the caller's type index with the callee's, each in its own module's numbering
 * ({@code Shaded.callIndirect}), so the same signature numbered differently traps "indirect call
 * type mismatch". Here every module gets the same type section (the union of all of theirs, the
 * largest module's first so that its indices stay put) and every type index in it is renumbered:
 * the import, function and tag sections and the immediates of {@code call_indirect}, {@code
 * return_call_indirect} and block types. A module of the largest's numbering only gets the longer
 * type section; its code is untouched. Modules using typed references or GC types (concrete heap
 * types can hide in many places) are all left as they were, as is everything when a module does not
 * parse (Chicory reports that when it compiles it). Type names in a name section are not
 * renumbered: they only label debug output.
 */
final class TypeRenumbering {
  private static final int TYPE = 1;
  private static final int IMPORT = 2;
  private static final int FUNCTION = 3;
  private static final int CODE = 10;
  private static final int TAG = 13;
  private static final int REF_NULL_TYPE = 0x63;
  private static final int REF_TYPE = 0x64;

  private TypeRenumbering() {}

  /** A module this rewrite does not cover: every module stays as it was. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String why) {
      super(why, null, false, false);
    }
  }

  private record Section(int id, int start, int contentStart, int end) {}

  private record Patch(int pos, int oldLength, byte[] bytes) {}

  /** A module's sections and its function types, each as its encoded bytes. */
  private record Layout(List<Section> sections, List<String> types) {}

  /** The modules, renumbered onto one type section where they need it; else {@code modules}. */
  static List<byte[]> apply(List<byte[]> modules) {
    if (modules.size() < 2) {
      return modules;
    }
    try {
      List<Layout> layouts = new ArrayList<>();
      for (byte[] m : modules) {
        layouts.add(layout(m));
      }
      Map<String, Integer> shared = new LinkedHashMap<>();
      IntStream.range(0, modules.size())
          .boxed()
          .sorted(Comparator.comparingInt((Integer i) -> modules.get(i).length).reversed())
          .forEach(i -> layouts.get(i).types().forEach(t -> shared.putIfAbsent(t, shared.size())));
      List<String> sharedTypes = List.copyOf(shared.keySet());
      List<byte[]> out = new ArrayList<>(modules);
      for (int i = 0; i < modules.size(); i++) {
        Layout l = layouts.get(i);
        if (l.types().isEmpty() || l.types().equals(sharedTypes)) {
          continue; // no functions to call, or already numbered the shared way
        }
        int[] map = l.types().stream().mapToInt(shared::get).toArray();
        out.set(i, rewrite(modules.get(i), l, sharedTypes, map));
      }
      return out;
    } catch (Unsupported | ComponentMalformed e) {
      return modules;
    }
  }

  private static Layout layout(byte[] bytes) {
    if (bytes.length < 8) {
      throw new Unsupported("no module header");
    }
    List<Section> sections = new ArrayList<>();
    List<String> types = new ArrayList<>();
    WasmReader r = WasmReader.at(bytes, 8);
    while (!r.atEnd()) {
      int start = r.offset();
      int id = r.u8("section id");
      int size = r.count("section size");
      int contentStart = r.offset();
      r.window(size, "section");
      sections.add(new Section(id, start, contentStart, contentStart + size));
      if (id == TYPE) {
        WasmReader t = WasmReader.at(bytes, contentStart);
        int n = t.count("type count");
        for (int i = 0; i < n; i++) {
          int from = t.offset();
          if (t.u8("type form") != 0x60) {
            throw new Unsupported("a type that is not a plain function type");
          }
          valTypes(t);
          valTypes(t);
          types.add(new String(t.slice(from, t.offset()), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return new Layout(sections, types);
  }

  private static void valTypes(WasmReader r) {
    int n = r.count("value type count");
    for (int i = 0; i < n; i++) {
      valType(r.u8("value type"));
    }
  }

  private static void valType(int code) {
    if (code == REF_NULL_TYPE || code == REF_TYPE) {
      throw new Unsupported("a typed reference");
    }
  }

  private static void valType(ValType type) {
    if (type.isReference() && type.typeIdx() >= 0) {
      throw new Unsupported("a typed reference");
    }
  }

  private static byte[] rewrite(byte[] bytes, Layout layout, List<String> types, int[] map) {
    boolean identity = IntStream.range(0, map.length).allMatch(i -> map[i] == i);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
    out.write(bytes, 0, 8);
    for (Section s : layout.sections()) {
      if (s.id() == TYPE) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(u32(types.size()));
        types.forEach(t -> content.writeBytes(t.getBytes(StandardCharsets.ISO_8859_1)));
        section(out, TYPE, content.toByteArray());
      } else if (identity) {
        out.write(bytes, s.start(), s.end() - s.start());
      } else if (s.id() == IMPORT) {
        section(
            out, IMPORT, patched(bytes, s.contentStart(), s.end(), importPatches(bytes, s, map)));
      } else if (s.id() == FUNCTION || s.id() == TAG) {
        section(
            out, s.id(), patched(bytes, s.contentStart(), s.end(), indexPatches(bytes, s, map)));
      } else if (s.id() == CODE) {
        section(out, CODE, code(bytes, s, codePatches(bytes, map)));
      } else {
        out.write(bytes, s.start(), s.end() - s.start());
      }
    }
    return out.toByteArray();
  }

  private static List<Patch> importPatches(byte[] bytes, Section s, int[] map) {
    List<Patch> patches = new ArrayList<>();
    WasmReader r = WasmReader.at(bytes, s.contentStart());
    int n = r.count("import count");
    for (int i = 0; i < n; i++) {
      r.name("import module");
      r.name("import name");
      int kind = r.u8("import kind");
      switch (kind) {
        case 0x00 -> patches.add(typeIndex(r, map));
        case 0x01 -> {
          valType(r.u8("table element type"));
          limits(r);
        }
        case 0x02 -> limits(r);
        case 0x03 -> {
          valType(r.u8("global type"));
          r.u8("global mutability");
        }
        case 0x04 -> {
          r.u8("tag attribute");
          patches.add(typeIndex(r, map));
        }
        default -> throw new Unsupported("import kind " + kind);
      }
    }
    return patches;
  }

  private static void limits(WasmReader r) {
    int flags = r.u8("limits flags");
    r.skipLeb("limits minimum");
    if ((flags & 1) != 0) {
      r.skipLeb("limits maximum");
    }
    if ((flags & 8) != 0) {
      r.skipLeb("page size");
    }
  }

  /** The function section (type indices) or the tag section (attribute, type index). */
  private static List<Patch> indexPatches(byte[] bytes, Section s, int[] map) {
    List<Patch> patches = new ArrayList<>();
    WasmReader r = WasmReader.at(bytes, s.contentStart());
    int n = r.count("entry count");
    for (int i = 0; i < n; i++) {
      if (s.id() == TAG) {
        r.u8("tag attribute");
      }
      patches.add(typeIndex(r, map));
    }
    return patches;
  }

  private static Patch typeIndex(WasmReader r, int[] map) {
    int pos = r.offset();
    int index = r.index("type index");
    return new Patch(pos, r.offset() - pos, u32(mapped(map, index)));
  }

  private static int mapped(int[] map, long index) {
    if (index < 0 || index >= map.length) {
      throw new Unsupported("type index " + index + " out of range");
    }
    return map[(int) index];
  }

  /**
   * Where the code names type indices, found through Chicory's parse: every instruction carries its
   * absolute offset in the module.
   */
  private static List<Patch> codePatches(byte[] bytes, int[] map) {
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException | AssertionError e) {
      throw new Unsupported("does not parse: " + e.getMessage());
    }
    for (Global g : module.globalSection().globals()) {
      valType(g.valueType());
    }
    for (int i = 0; i < module.tableSection().tableCount(); i++) {
      valType(module.tableSection().getTable(i).elementType());
    }
    for (Element e : module.elementSection().elements()) {
      valType(e.type());
    }
    List<Patch> patches = new ArrayList<>();
    for (FunctionBody body : module.codeSection().functionBodies()) {
      body.localTypes().forEach(TypeRenumbering::valType);
      for (Instruction ins : body.instructions()) {
        Patch p = instructionPatch(bytes, ins, map);
        if (p != null) {
          patches.add(p);
        }
      }
    }
    return patches;
  }

  private static Patch instructionPatch(byte[] bytes, Instruction ins, int[] map) {
    int at = ins.address();
    switch (ins.opcode()) {
      case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
        WasmReader r = WasmReader.at(bytes, opcodeAt(bytes, at, ins));
        return typeIndex(r, map);
      }
      case BLOCK, LOOP, IF, TRY_TABLE -> {
        int pos = opcodeAt(bytes, at, ins);
        WasmReader r = WasmReader.at(bytes, pos);
        long blockType = r.s33("block type");
        return blockType < 0 ? null : new Patch(pos, r.offset() - pos, s33(mapped(map, blockType)));
      }
      case REF_NULL -> {
        if (WasmReader.at(bytes, opcodeAt(bytes, at, ins)).s33("heap type") >= 0) {
          throw new Unsupported("ref.null of a concrete type");
        }
        return null;
      }
      case SELECT_T -> {
        valTypes(WasmReader.at(bytes, opcodeAt(bytes, at, ins)));
        return null;
      }
      default -> {
        String name = ins.opcode().name();
        if (name.contains("CALL_REF")
            || name.startsWith("STRUCT_")
            || name.startsWith("ARRAY_")
            || name.startsWith("REF_TEST")
            || name.startsWith("REF_CAST")
            || name.startsWith("BR_ON_CAST")) {
          throw new Unsupported(name);
        }
        return null;
      }
    }
  }

  /** The offset of the immediate after the one-byte opcode at {@code at}, checked. */
  private static int opcodeAt(byte[] bytes, int at, Instruction ins) {
    if (at < 0 || at + 1 >= bytes.length || (bytes[at] & 0xff) != ins.opcode().opcode()) {
      throw new Unsupported("instruction offsets do not match the binary");
    }
    return at + 1;
  }

  /** The code section with {@code patches} applied and every body's size recomputed. */
  private static byte[] code(byte[] bytes, Section s, List<Patch> patches) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.end() - s.contentStart() + 256);
    WasmReader r = WasmReader.at(bytes, s.contentStart());
    int n = r.count("function body count");
    out.writeBytes(u32(n));
    for (int i = 0; i < n; i++) {
      int size = r.count("function body size");
      int from = r.offset();
      r.window(size, "function body");
      byte[] body = patched(bytes, from, from + size, patches);
      out.writeBytes(u32(body.length));
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** {@code bytes[from, to)} with every patch inside that range applied (patches sorted by pos). */
  private static byte[] patched(byte[] bytes, int from, int to, List<Patch> patches) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + 16);
    int pos = from;
    int lo = 0;
    int hi = patches.size();
    while (lo < hi) { // the first patch at or after from
      int mid = (lo + hi) >>> 1;
      if (patches.get(mid).pos() < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (Patch p : patches.subList(lo, patches.size())) {
      if (p.pos() >= to) {
        break;
      }
      out.write(bytes, pos, p.pos() - pos);
      out.writeBytes(p.bytes());
      pos = p.pos() + p.oldLength();
    }
    out.write(bytes, pos, to - pos);
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] content) {
    out.write(id);
    out.writeBytes(u32(content.length));
    out.writeBytes(content);
  }

  private static byte[] u32(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(5);
    long v = value;
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
    return out.toByteArray();
  }

  private static byte[] s33(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(5);
    long v = value;
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }
}
