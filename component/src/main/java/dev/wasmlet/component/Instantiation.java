package dev.wasmlet.component;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValue;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmlet.engine.ImagedMemories;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance of a component: replays its {@link Step}s, instantiating each core module with
 * Chicory and binding imports to the host. Everything here is per instance (per request).
 */
final class Instantiation {
  private final LoadedComponent component;
  private final ComponentPlan plan;
  private final int maxPages;
  private final Map<String, Object> provided;
  private final Shared shared;
  private final List<CoreFunc> coreFuncs = new ArrayList<>();
  private final List<TableInstance> tables = new ArrayList<>();
  private final List<Memory> memories = new ArrayList<>();
  private final List<GlobalInstance> globals = new ArrayList<>();
  private final List<Object> coreInstances = new ArrayList<>();
  private final List<RuntimeFunc> funcs = new ArrayList<>();
  private final List<Map<String, Object>> instances = new ArrayList<>();
  private final Map<String, Object> exports = new HashMap<>();

  /**
   * What a component and the components nested in it share: the request's store (host functions
   * read it at each call, so a reused instance serves the next request's), memory headroom,
   * destructors, and every core instance built.
   */
  private static final class Shared {
    Store store;
    int headroom;
    final Map<String, Instantiation> definers = new HashMap<>();
    final List<Taken> taken = new ArrayList<>();
    final List<Instance> cores = new ArrayList<>();
    List<CoreState> states;

    Shared(Store store, int headroom) {
      this.store = store;
      this.headroom = headroom;
    }
  }

  /** A memory an instance took from a core module's images, to give back when it is done. */
  private record Taken(CompiledCore core, Memory memory) {}

  /**
   * Makes this instance reusable by a later request if it can be put back exactly as instantiation
   * left it: every memory restored from an image and untouched so far, no passive data segments.
   * Records the globals, tables and element segments to restore; call right after {@link #run}.
   */
  void prepareReuse() {
    for (Taken t : shared.taken) {
      if (!ImagedMemories.resettableInPlace(t.memory())) {
        return;
      }
    }
    List<CoreState> states = new ArrayList<>();
    for (Instance core : shared.cores) {
      Optional<CoreState> state = CoreState.of(core);
      if (state.isEmpty()) {
        return;
      }
      states.add(state.get());
    }
    shared.states = states;
  }

  /**
   * Puts every core instance back as instantiation left it (memories, globals, tables, element
   * segments), for the next request; false, changing nothing, when that cannot be done (not made
   * reusable, or a table grew).
   */
  boolean resetForReuse() {
    if (shared.states == null) {
      return false;
    }
    for (CoreState c : shared.states) {
      if (!c.restorable()) {
        return false;
      }
    }
    for (Taken t : shared.taken) {
      ImagedMemories.resetInPlace(t.memory());
    }
    shared.states.forEach(CoreState::restore);
    shared.store = null; // no host function runs until rebind; keep nothing of the last request
    return true;
  }

  /** Serves the next request: host functions see {@code store} from now on. */
  void rebind(Store store) {
    shared.store = store;
  }

  /** The component's exports, as {@link #run} returned them. */
  Map<String, Object> exports() {
    return exports;
  }

  /** Gives every memory back (to be reset for a later request); the instance is unusable after. */
  void release() {
    for (Taken t : shared.taken) {
      t.core().memories().release(t.memory());
    }
    shared.taken.clear();
  }

  /** The top-level instance of {@code component}; its imports come from the host. */
  Instantiation(LoadedComponent component, Store store, int maxPages) {
    this(component, component.plan(), maxPages, null, new Shared(store, maxPages));
  }

  private Instantiation(
      LoadedComponent component,
      ComponentPlan plan,
      int maxPages,
      Map<String, Object> provided,
      Shared shared) {
    this.component = component;
    this.plan = plan;
    this.maxPages = maxPages;
    this.provided = provided;
    this.shared = shared;
    plan.dtors().keySet().forEach(k -> shared.definers.put(k, this));
  }

  /** Runs every step; returns the component's exports (lifted functions and instances). */
  Map<String, Object> run() {
    for (Step step : plan.steps()) {
      apply(step);
    }
    return exports;
  }

  private void apply(Step step) {
    switch (step) {
      case Step.CoreInstantiate ci -> coreInstances.add(instantiate(ci));
      case Step.CoreExports ce -> {
        Map<String, Object> items = new HashMap<>();
        for (Step.CoreItem item : ce.items()) {
          items.put(item.name(), coreItem(item.sort(), item.index()));
        }
        coreInstances.add(items);
      }
      case Step.CoreAlias ca ->
          addCore(ca.sort(), coreExport(ca.coreInstance(), ca.name(), ca.sort()));
      case Step.Alias a -> {
        Object v = instances.get(a.instance()).get(a.name());
        if (a.sort() == Step.FUNC) {
          funcs.add((RuntimeFunc) v);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> inst = (Map<String, Object>) v;
          instances.add(inst);
        }
      }
      case Step.Lift l -> {
        Canon canon = canon(l.options());
        CoreFunc post =
            l.options().postReturn() < 0 ? null : coreFuncs.get(l.options().postReturn());
        funcs.add(new RuntimeFunc.Lifted(l.type(), coreFuncs.get(l.coreFunc()), canon, post));
      }
      case Step.Lower lo -> coreFuncs.add(lower(lo));
      case Step.ResourceOp op -> coreFuncs.add(resourceOp(op));
      case Step.Import im -> bindImport(im);
      case Step.InlineInstance ii -> {
        Map<String, Object> items = new HashMap<>();
        for (Step.Item item : ii.items()) {
          items.put(
              item.name(),
              item.sort() == Step.FUNC ? funcs.get(item.index()) : instances.get(item.index()));
        }
        instances.add(items);
      }
      case Step.Instantiate in -> {
        Map<String, Object> args = new HashMap<>();
        for (Step.Item item : in.args()) {
          args.put(
              item.name(),
              item.sort() == Step.FUNC ? funcs.get(item.index()) : instances.get(item.index()));
        }
        instances.add(new Instantiation(component, in.plan(), maxPages, args, shared).run());
      }
      case Step.Export ex -> {
        Object v = ex.sort() == Step.FUNC ? funcs.get(ex.index()) : instances.get(ex.index());
        if (ex.sort() == Step.FUNC) {
          funcs.add((RuntimeFunc) v);
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> inst = (Map<String, Object>) v;
          instances.add(inst);
        }
        exports.put(ex.name(), v);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void bindImport(Step.Import im) {
    if (provided != null) {
      Object v = provided.get(im.name());
      if (v == null) {
        throw new ComponentException(
            "a nested component's import \""
                + im.name()
                + "\" is not supplied by its instantiation");
      }
      if (im.sort() == Step.FUNC) {
        funcs.add((RuntimeFunc) v);
      } else {
        instances.add((Map<String, Object>) v);
      }
      return;
    }
    HostInterface host = component.hosts().get(im.name());
    if (im.sort() == Step.INSTANCE) {
      Map<String, Object> items = new HashMap<>();
      ((CType.Instance) im.type())
          .exports()
          .forEach(
              (name, e) -> {
                if (e.sort() == Step.FUNC) {
                  items.put(
                      name,
                      new RuntimeFunc.Host(
                          im.name() + "#" + name, (CType.Func) e.type(), host.func(name)));
                }
              });
      instances.add(items);
    } else {
      funcs.add(new RuntimeFunc.Host(im.name(), (CType.Func) im.type(), host.func(im.name())));
    }
  }

  private Instance instantiate(Step.CoreInstantiate ci) {
    CompiledCore core = component.cores(plan).get(ci.module());
    Map<String, Object> args = new HashMap<>();
    for (Step.Arg a : ci.args()) {
      args.put(a.name(), coreInstances.get(a.coreInstance()));
    }
    List<ImportValue> values = new ArrayList<>();
    var section = core.module().importSection();
    for (int i = 0; i < section.importCount(); i++) {
      Import imp = section.getImport(i);
      Object from = args.get(imp.module());
      if (from == null) {
        throw new ComponentException(
            "core module "
                + ci.module()
                + " imports from \""
                + imp.module()
                + "\", which its instantiation does not supply");
      }
      values.add(CoreImports.value(core, imp, from));
    }
    Instance instance =
        Instance.builder(core.module())
            .withMachineFactory(core.machine())
            .withImportValues(CoreImports.of(values))
            .withMemoryFactory(l -> memory(core, l))
            .withStart(false)
            .build();
    shared.cores.add(instance);
    return instance;
  }

  /**
   * A defined memory, capped so that its initial pages plus the growth the cap leaves stay within
   * {@code maxPages}; with one memory (the common case, and every toolchain's output here) the cap
   * is exact, with several each may grow into the same headroom.
   */
  private Memory memory(CompiledCore core, MemoryLimits limits) {
    if (limits.initialPages() > shared.headroom) {
      throw new ComponentException(
          "the component's memories need "
              + limits.initialPages()
              + " pages (64 KiB each) more than the memory limit of "
              + maxPages
              + " pages allows; raise the limit");
    }
    shared.headroom -= limits.initialPages();
    int max = Math.min(limits.maximumPages(), limits.initialPages() + shared.headroom);
    Memory m = core.memories().take(new MemoryLimits(limits.initialPages(), max));
    shared.taken.add(new Taken(core, m));
    return m;
  }

  private Object coreExport(int instance, String name, int sort) {
    Object from = coreInstances.get(instance);
    Object v =
        from instanceof Instance inst
            ? CoreImports.export(inst, name, sort)
            : ((Map<?, ?>) from).get(name);
    if (v == null) {
      throw new ComponentException("core instance " + instance + " has no export \"" + name + "\"");
    }
    return v;
  }

  private Object coreItem(int sort, int index) {
    return switch (sort) {
      case Step.CORE_FUNC -> coreFuncs.get(index);
      case Step.CORE_TABLE -> tables.get(index);
      case Step.CORE_MEMORY -> memories.get(index);
      case Step.CORE_GLOBAL -> globals.get(index);
      default -> throw new ComponentException("core sort " + sort + " cannot be exported");
    };
  }

  private void addCore(int sort, Object v) {
    switch (sort) {
      case Step.CORE_FUNC -> coreFuncs.add((CoreFunc) v);
      case Step.CORE_TABLE -> tables.add((TableInstance) v);
      case Step.CORE_MEMORY -> memories.add((Memory) v);
      case Step.CORE_GLOBAL -> globals.add((GlobalInstance) v);
      default -> throw new ComponentException("core sort " + sort + " cannot be aliased");
    }
  }

  private Canon canon(Step.Options o) {
    return new Canon(
        o.memory() < 0 ? null : memories.get(o.memory()),
        o.realloc() < 0 ? null : coreFuncs.get(o.realloc()),
        o.encoding());
  }

  private CoreFunc lower(Step.Lower lo) {
    RuntimeFunc f = funcs.get(lo.func());
    if (!(f instanceof RuntimeFunc.Host host)) {
      throw new ComponentException(
          "the component lowers one of its own lifted functions (component-to-component calls), which Wasmlet does not run yet");
    }
    Canon canon = canon(lo.options());
    return new CoreFunc(
        lo.type().shape().lowered(),
        (inst, args) -> Calls.intoHost(host, canon, shared.store, args));
  }

  private CoreFunc resourceOp(Step.ResourceOp op) {
    String key = op.key();
    return switch (op.op()) {
      case 0x02 ->
          new CoreFunc(
              FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
              (inst, args) -> new long[] {shared.store.table().insert(key, (int) args[0], true)});
      case 0x04 ->
          new CoreFunc(
              FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
              (inst, args) ->
                  new long[] {(Integer) shared.store.table().get((int) args[0], key).rep()});
      default ->
          new CoreFunc(
              FunctionType.of(List.of(ValType.I32), List.of()),
              (inst, args) -> {
                drop(shared.store.table().remove((int) args[0], key));
                return new long[0];
              });
    };
  }

  private void drop(ResourceTable.Entry e) {
    if (!e.own()) {
      return;
    }
    if (e.rep() instanceof HostResource r) {
      r.dropped(shared.store);
      return;
    }
    Instantiation definer = shared.definers.get(e.key());
    Integer dtor = definer == null ? null : definer.plan.dtors().get(e.key());
    if (dtor != null && dtor >= 0) {
      definer.coreFuncs.get(dtor).call((Integer) e.rep());
    }
  }
}
