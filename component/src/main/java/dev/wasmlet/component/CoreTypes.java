package dev.wasmlet.component;

/**
 * Reads core types inside a component: function types and module types (imports, exports, outer
 * aliases). Only their well-formedness matters here; the core modules themselves are validated by
 * the Wasm runtime when they are compiled.
 */
final class CoreTypes {
  private CoreTypes() {}

  static void read(WasmReader in) {
    int at = in.offset();
    int form = in.u8("core type form");
    switch (form) {
      case 0x60 -> functype(in);
      case 0x50 -> {
        int n = in.count("module type declaration count");
        for (int i = 0; i < n; i++) {
          moduleDecl(in);
        }
      }
      default ->
          throw in.fail(
              String.format(
                  "core type form 0x%02x (a GC type) is not supported; only function and module"
                      + " types are",
                  form),
              at);
    }
  }

  private static void functype(WasmReader in) {
    for (int part = 0; part < 2; part++) {
      int n = in.count("core function type arity");
      for (int i = 0; i < n; i++) {
        valType(in);
      }
    }
  }

  static void valType(WasmReader in) {
    int at = in.offset();
    int t = in.u8("core value type");
    switch (t) {
      case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f -> {}
      default -> throw in.badByte(t, "core value type", at);
    }
  }

  private static void moduleDecl(WasmReader in) {
    int at = in.offset();
    int kind = in.u8("module type declaration");
    switch (kind) {
      case 0x00 -> {
        in.name("import module");
        in.name("import name");
        importDesc(in);
      }
      case 0x01 -> read(in);
      case 0x02 -> {
        int sort = in.u8("alias sort");
        int target = in.u8("alias target");
        if (sort != 0x10 || target != 0x01) {
          throw in.fail("module type alias must be an outer alias of a core type", at);
        }
        in.index("outer count");
        in.index("outer index");
      }
      case 0x03 -> {
        in.name("export name");
        importDesc(in);
      }
      default -> throw in.badByte(kind, "module type declaration", at);
    }
  }

  private static void importDesc(WasmReader in) {
    int at = in.offset();
    int kind = in.u8("core import kind");
    switch (kind) {
      case 0x00 -> in.index("function type index");
      case 0x01 -> {
        valType(in);
        limits(in);
      }
      case 0x02 -> limits(in);
      case 0x03 -> {
        valType(in);
        int mut = in.u8("global mutability");
        if (mut > 1) {
          throw in.badByte(mut, "global mutability", at);
        }
      }
      case 0x04 -> {
        in.u8("tag attribute");
        in.index("tag type index");
      }
      default -> throw in.badByte(kind, "core import kind", at);
    }
  }

  private static void limits(WasmReader in) {
    int at = in.offset();
    int flags = in.u8("limits flags");
    if (flags > 0x07) {
      throw in.badByte(flags, "limits flags", at);
    }
    boolean wide = (flags & 0x04) != 0;
    leb(in, wide);
    if ((flags & 0x01) != 0) {
      leb(in, wide);
    }
  }

  private static void leb(WasmReader in, boolean wide) {
    if (!wide) {
      in.u32("limit");
      return;
    }
    for (int i = 0; i < 10; i++) {
      if ((in.u8("limit") & 0x80) == 0) {
        return;
      }
    }
    throw in.fail("64-bit limit longer than 10 bytes", in.offset());
  }
}
