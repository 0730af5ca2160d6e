package dev.wasmlet.component;

import dev.wasmlet.component.CType.Extern;
import dev.wasmlet.component.CanonicalAbi.StringEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a component, already checked by {@link ComponentParser}, into a {@link ComponentPlan}:
 * types resolved to {@link CType} and {@link WitType}, every run-time definition as a {@link Step}.
 * What the executor does not run yet (nested component instantiation, values, start functions,
 * async types and options) is refused here, at load, with the construct and its offset.
 */
final class ComponentDecoder {
  private final WasmReader r;
  private final List<byte[]> modules = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Extern> imports = new LinkedHashMap<>();
  private final Map<String, Step.Item> exports = new LinkedHashMap<>();
  private final Map<String, Extern> exportTypes = new LinkedHashMap<>();
  private final Map<String, Integer> dtors = new LinkedHashMap<>();
  private final int[] ids;
  private final Map<String, CType> typeArgs;
  private final DecoderScope outer;
  private final TypeDecoder typeDecoder;

  /**
   * @param ids counters shared by a component and every component nested in it: [0] abstract
   *     resources, [1] the component's own resources (keys unique across the whole component)
   * @param typeArgs for a nested component, the types its instantiation supplies, by import name
   * @param outer the enclosing component's scope, for outer aliases
   */
  private ComponentDecoder(
      byte[] bytes, int[] ids, Map<String, CType> typeArgs, DecoderScope outer) {
    this.r = new WasmReader(bytes);
    this.ids = ids;
    this.typeArgs = typeArgs;
    this.outer = outer;
    this.typeDecoder = new TypeDecoder(ids, dtors);
  }

  static ComponentPlan decode(byte[] bytes) {
    ComponentParser.inspect(bytes);
    return new ComponentDecoder(bytes, new int[2], Map.of(), null).plan();
  }

  private ComponentPlan plan() {
    r.window(8, "preamble");
    body(new DecoderScope(outer));
    return new ComponentPlan(modules, steps, imports, exports, exportTypes, dtors);
  }

  private void body(DecoderScope s) {
    while (!r.atEnd()) {
      int id = r.u8("section id");
      int size = r.count("section size");
      int at = r.offset();
      WasmReader sec = r.window(size, "section");
      switch (id) {
        case 0 -> {}
        case 1 -> modules.add(sec.slice(at, at + size));
        case 2 -> vec(sec, () -> coreInstance(sec));
        case 3 -> vec(sec, () -> CoreTypes.read(sec));
        case 4 -> s.components.add(sec.slice(at, at + size));
        case 5 -> vec(sec, () -> instance(sec, s));
        case 6 -> vec(sec, () -> alias(sec, s));
        case 7 -> vec(sec, () -> s.types.add(typeDecoder.type(sec, s)));
        case 8 -> vec(sec, () -> canon(sec, s));
        case 9 -> throw unsupported("a component start function", at);
        case 10 -> vec(sec, () -> importDecl(sec, s));
        case 11 -> vec(sec, () -> export(sec, s));
        default -> throw unsupported("a value section", at);
      }
    }
  }

  static void vec(WasmReader in, Runnable item) {
    int n = in.count("count");
    for (int i = 0; i < n; i++) {
      item.run();
    }
  }

  static ComponentException unsupported(String what, int at) {
    return new ComponentException(
        "the component uses "
            + what
            + " (at byte offset "
            + at
            + "), which Wasmlet's component executor does not run yet; build it with a"
            + " wit-component based toolchain (wasm-tools component new, jco, componentize-py)");
  }

  private void coreInstance(WasmReader in) {
    int kind = in.u8("core instance kind");
    if (kind == 0x00) {
      int module = in.index("module");
      List<Step.Arg> args = new ArrayList<>();
      vec(
          in,
          () -> {
            String name = in.name("name");
            in.u8("sort");
            args.add(new Step.Arg(name, in.index("instance")));
          });
      steps.add(new Step.CoreInstantiate(module, args));
    } else {
      List<Step.CoreItem> items = new ArrayList<>();
      vec(
          in,
          () -> {
            String name = in.name("name");
            int sort = in.u8("sort");
            items.add(new Step.CoreItem(name, sort, in.index("index")));
          });
      steps.add(new Step.CoreExports(items));
    }
  }

  private void instance(WasmReader in, DecoderScope s) {
    if (in.u8("instance kind") == 0x00) {
      instantiate(in, s);
      return;
    }
    List<Step.Item> items = new ArrayList<>();
    Map<String, Extern> types = new LinkedHashMap<>();
    vec(
        in,
        () -> {
          String name = ComponentParser.externName(in);
          int sortAt = in.offset();
          int sort = in.u8("sort");
          if (sort == 0x00) {
            throw unsupported("a core item in a component instance", sortAt);
          }
          int idx = in.index("index");
          items.add(new Step.Item(name, sort, idx));
          types.put(name, new Extern(sort, typeOfSort(s, sort, idx, sortAt)));
        });
    steps.add(new Step.InlineInstance(items));
    s.instances.add(new CType.Instance(types));
  }

  /** A nested component's instantiation: decoded now, with the types its arguments supply. */
  private void instantiate(WasmReader in, DecoderScope s) {
    byte[] component = s.components.get(in.index("component"));
    Map<String, CType> types = new HashMap<>();
    List<Step.Item> items = new ArrayList<>();
    vec(
        in,
        () -> {
          String name = in.name("argument name");
          int at = in.offset();
          int sort = in.u8("sort");
          if (sort == 0x00 || sort == Step.COMPONENT || sort == 0x02) {
            throw unsupported("a core, component or value instantiation argument", at);
          }
          int idx = in.index("index");
          if (sort == Step.TYPE) {
            types.put(name, s.types.get(idx));
          } else {
            items.add(new Step.Item(name, sort, idx));
          }
        });
    ComponentPlan plan = new ComponentDecoder(component, ids, types, s).plan();
    steps.add(new Step.Instantiate(plan, items));
    s.instances.add(new CType.Instance(plan.exportTypes()));
  }

  private CType typeOfSort(DecoderScope s, int sort, int idx, int at) {
    return switch (sort) {
      case Step.FUNC -> s.funcs.get(idx);
      case Step.TYPE -> s.types.get(idx);
      case Step.INSTANCE -> s.instances.get(idx);
      default -> throw unsupported("a " + (sort == 0x02 ? "value" : "component") + " item", at);
    };
  }

  private void alias(WasmReader in, DecoderScope s) {
    int at = in.offset();
    int sort = in.u8("alias sort");
    int core = sort == 0x00 ? in.u8("alias core sort") : -1;
    int target = in.u8("alias target");
    if (target == 0x01) {
      int instance = in.index("core instance");
      steps.add(new Step.CoreAlias(instance, in.name("name"), core));
      return;
    }
    if (target == 0x02) {
      int count = in.index("outer count");
      int idx = in.index("outer index");
      DecoderScope o = s;
      for (int i = 0; i < count && o != null; i++) {
        o = o.parent;
      }
      if (o == null) {
        throw new ComponentException("outer alias at byte offset " + at + " leaves the component");
      }
      switch (sort) {
        case Step.TYPE -> s.types.add(o.types.get(idx));
        case Step.COMPONENT -> s.components.add(o.components.get(idx));
        default -> throw unsupported("an outer alias of a core module or core type", at);
      }
      return;
    }
    int instance = in.index("instance");
    String name = in.name("export name");
    Extern e = ((CType.Instance) s.instances.get(instance)).exports().get(name);
    switch (sort) {
      case Step.TYPE -> s.types.add(e.type());
      case Step.FUNC -> {
        s.funcs.add(e.type());
        steps.add(new Step.Alias(instance, name, sort));
      }
      case Step.INSTANCE -> {
        s.instances.add(e.type());
        steps.add(new Step.Alias(instance, name, sort));
      }
      default -> throw unsupported("an alias of a component or value", at);
    }
  }

  private void canon(WasmReader in, DecoderScope s) {
    int at = in.offset();
    int op = in.u8("canon opcode");
    switch (op) {
      case 0x00 -> {
        in.u8("lift form");
        int coreFunc = in.index("core function");
        Step.Options o = options(in);
        CType.Func t = func(s.types.get(in.index("type")), at);
        s.funcs.add(t);
        steps.add(new Step.Lift(coreFunc, o, t));
      }
      case 0x01 -> {
        in.u8("lower form");
        int func = in.index("function");
        Step.Options o = options(in);
        steps.add(new Step.Lower(func, o, func(s.funcs.get(func), at)));
      }
      default -> {
        CType t = s.types.get(in.index("resource type"));
        steps.add(new Step.ResourceOp(op, ((CType.Resource) t).key()));
      }
    }
  }

  private static CType.Func func(CType t, int at) {
    if (t instanceof CType.Func f) {
      return f;
    }
    throw new ComponentException("canon at byte offset " + at + " names a non-function type");
  }

  private Step.Options options(WasmReader in) {
    int[] memory = {-1};
    int[] realloc = {-1};
    int[] post = {-1};
    StringEncoding[] enc = {StringEncoding.UTF8};
    vec(
        in,
        () -> {
          int at = in.offset();
          switch (in.u8("canon option")) {
            case 0x00 -> enc[0] = StringEncoding.UTF8;
            case 0x01 -> enc[0] = StringEncoding.UTF16;
            case 0x02 -> throw unsupported("the latin1+utf16 string encoding", at);
            case 0x03 -> memory[0] = in.index("memory");
            case 0x04 -> realloc[0] = in.index("realloc");
            case 0x05 -> post[0] = in.index("post-return");
            case 0x08 -> in.index("core type");
            case 0x09 -> throw unsupported("the gc canon option", at);
            default -> throw unsupported("an async canon option (WASI 0.3)", at);
          }
        });
    return new Step.Options(memory[0], realloc[0], post[0], enc[0]);
  }

  private void importDecl(WasmReader in, DecoderScope s) {
    String name = ComponentParser.externName(in);
    int at = in.offset();
    Extern e = typeDecoder.externDesc(in, s);
    if (e.sort() == Step.TYPE && typeArgs.containsKey(name)) {
      CType bound = typeArgs.get(name);
      s.types.set(s.types.size() - 1, bound);
      e = new Extern(e.sort(), bound);
    } else if (e.type() instanceof CType.Resource res && res.key().startsWith("?")) {
      CType concrete = new CType.Resource(Semver.key(name));
      s.types.set(s.types.size() - 1, concrete);
      e = new Extern(e.sort(), concrete);
    }
    if (e.type() instanceof CType.Instance inst) {
      Map<String, String> keys = new HashMap<>();
      inst.exports()
          .forEach(
              (n, x) -> {
                if (x.type() instanceof CType.Resource res && res.key().startsWith("?")) {
                  keys.put(res.key(), Semver.key(name) + "#" + n);
                }
              });
      e = new Extern(e.sort(), Substitution.of(inst, keys));
    }
    switch (e.sort()) {
      case Step.FUNC -> s.funcs.add(e.type());
      case Step.INSTANCE -> s.instances.add(e.type());
      case Step.TYPE -> {}
      default -> throw unsupported("an import of a component, core module or value", at);
    }
    if (e.sort() != Step.TYPE) {
      steps.add(new Step.Import(name, e.sort(), e.type()));
    }
    imports.put(name, e);
  }

  private void export(WasmReader in, DecoderScope s) {
    String name = ComponentParser.externName(in);
    int at = in.offset();
    int sort = in.u8("sort");
    if (sort == 0x00) {
      in.u8("core sort");
      in.index("index");
      throw unsupported("a core module export", at);
    }
    int idx = in.index("index");
    if (in.u8("ascription flag") == 0x01) {
      typeDecoder.externDesc(in, s);
      if (sort == Step.TYPE) {
        s.types.remove(s.types.size() - 1);
      }
    }
    CType t = typeOfSort(s, sort, idx, at);
    switch (sort) {
      case Step.FUNC -> s.funcs.add(t);
      case Step.INSTANCE -> s.instances.add(t);
      default -> s.types.add(t);
    }
    if (sort != Step.TYPE) {
      steps.add(new Step.Export(name, sort, idx));
    }
    exports.put(name, new Step.Item(name, sort, idx));
    exportTypes.put(name, new Extern(sort, t));
  }
}
