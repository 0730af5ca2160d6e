package dev.wasmlet.component;

import dev.wasmlet.component.ComponentScope.Type;
import dev.wasmlet.component.Inspection.Item;
import java.util.List;

/**
 * The alias and canon sections of a component binary, for {@link ComponentParser}: each alias and
 * each canonical function definition checked against its index spaces, a malformed one refused with
 * its byte offset.
 */
final class AliasCanonSections {
  private AliasCanonSections() {}

  static void alias(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int sort = in.u8("alias sort");
    int core = sort == 0x00 ? in.u8("alias core sort") : -1;
    int target = in.u8("alias target");
    switch (target) {
      case 0x00 -> {
        List<Item> members = s.instance(in.index("instance index"), in, at);
        String name = in.name("export name");
        Item m =
            members.stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> in.fail("instance has no export named \"" + name + "\"", at));
        String kind = sortName(sort, core, in, at);
        if (!kind.equals(m.sort()) && !(kind.equals("type") && m.sort().equals("type"))) {
          throw in.fail("alias of \"" + name + "\" as a " + kind + " but it is a " + m.sort(), at);
        }
        if (kind.equals("type")) {
          s.types.add(new Type(name, m.wit(), m.members()));
        } else {
          s.add(kind, m.wit(), m.members());
        }
      }
      case 0x01 -> {
        if (sort != 0x00) {
          throw in.fail("core export alias with a component sort", at);
        }
        s.checkCore(s.coreInstances, in.index("core instance index"), "core instance", in, at);
        in.name("core export name");
        switch (core) {
          case 0x00 -> s.coreFuncs++;
          case 0x01 -> s.coreTables++;
          case 0x02 -> s.coreMemories++;
          case 0x03 -> s.coreGlobals++;
          case 0x04 -> s.coreTags++;
          default -> throw in.badByte(core, "core export alias sort", at);
        }
      }
      case 0x02 -> {
        ComponentScope o = s.outer(in.index("outer count"), in, at);
        int idx = in.index("outer index");
        String kind = sortName(sort, core, in, at);
        switch (kind) {
          case "type" -> s.types.add(o.type(idx, in, at));
          case "component" -> s.components.add(o.component(idx, in, at));
          case "core module" -> {
            o.checkCore(o.coreModules, idx, "core module", in, at);
            s.coreModules++;
          }
          case "core type" -> {
            o.checkCore(o.coreTypes, idx, "core type", in, at);
            s.coreTypes++;
          }
          default -> throw in.fail("outer alias of a " + kind + " is not allowed", at);
        }
      }
      default -> throw in.badByte(target, "alias target", at);
    }
  }

  private static String sortName(int sort, int core, WasmReader in, int at) {
    return switch (sort) {
      case 0x00 ->
          switch (core) {
            case 0x10 -> "core type";
            case 0x11 -> "core module";
            case 0x12 -> "core instance";
            default -> "core";
          };
      case 0x01 -> "func";
      case 0x02 -> "value";
      case 0x03 -> "type";
      case 0x04 -> "component";
      case 0x05 -> "instance";
      default -> throw in.badByte(sort, "sort", at);
    };
  }

  static void canon(WasmReader in, ComponentScope s) {
    int at = in.offset();
    int op = in.u8("canon opcode");
    switch (op) {
      case 0x00 -> {
        expectZero(in, "canon lift");
        s.checkCore(s.coreFuncs, in.index("core function index"), "core function", in, at);
        options(in, s);
        s.funcs.add(s.type(in.index("type index"), in, at).def());
      }
      case 0x01 -> {
        expectZero(in, "canon lower");
        s.func(in.index("function index"), in, at);
        options(in, s);
        s.coreFuncs++;
      }
      case 0x02, 0x03, 0x04 -> {
        Type t = s.type(in.index("resource type index"), in, at);
        if (!t.def().startsWith("resource")) {
          throw in.fail("resource built-in names type " + t.ref() + ", not a resource", at);
        }
        s.coreFuncs++;
      }
      default ->
          throw in.fail(
              String.format(
                  "canon opcode 0x%02x is an async (WASI 0.3) or threads built-in, which Wasmlet"
                      + " does not run yet; build against WASI 0.2",
                  op),
              at);
    }
  }

  private static void expectZero(WasmReader in, String what) {
    int at = in.offset();
    int b = in.u8(what);
    if (b != 0) {
      throw in.badByte(b, what + " form", at);
    }
  }

  private static void options(WasmReader in, ComponentScope s) {
    ComponentParser.vec(
        in,
        "canon option",
        () -> {
          int at = in.offset();
          int opt = in.u8("canon option");
          switch (opt) {
            case 0x00, 0x01, 0x02, 0x06, 0x09 -> {}
            case 0x03 ->
                s.checkCore(s.coreMemories, in.index("memory index"), "core memory", in, at);
            case 0x04, 0x05, 0x07 ->
                s.checkCore(s.coreFuncs, in.index("function index"), "core function", in, at);
            case 0x08 -> s.checkCore(s.coreTypes, in.index("core type"), "core type", in, at);
            default -> throw in.badByte(opt, "canon option", at);
          }
        });
  }
}
