package dev.wasmlet.component;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmlet.engine.CodeCache;
import dev.wasmlet.engine.ImagedMemories;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A component parsed, linked against the host and compiled, shared by every thread; {@link
 * #instantiate} makes a fresh instance (fresh memories, tables, globals and handle table) per call.
 * Linking happens here: an import the host does not provide stops the load with its name.
 */
public final class LoadedComponent {
  private final String name;
  private final ComponentPlan plan;
  private final Map<ComponentPlan, List<CompiledCore>> cores;
  private final Map<String, HostInterface> hosts;

  /** Instances kept for reuse, by memory cap in pages; at most {@link #KEPT} in all. */
  private final Map<Integer, Deque<Instantiation>> reusable = new ConcurrentHashMap<>();

  private final AtomicInteger keptCount = new AtomicInteger();

  private static final int KEPT = 2 * Runtime.getRuntime().availableProcessors();

  private LoadedComponent(
      String name,
      ComponentPlan plan,
      Map<ComponentPlan, List<CompiledCore>> cores,
      Map<String, HostInterface> hosts) {
    this.name = name;
    this.plan = plan;
    this.cores = cores;
    this.hosts = hosts;
  }

  /**
   * Loads a component; {@code name} (the file or the component's id) names it in every message.
   *
   * @throws ComponentException when the bytes are not a valid component, use what the executor does
   *     not run, or import what {@code linker} does not provide
   */
  public static LoadedComponent load(String name, byte[] bytes, Linker linker) {
    return load(name, bytes, linker, null);
  }

  /**
   * Loads a component, taking each core module's compiled code from {@code cache} when it holds it
   * and storing it there otherwise (the engine's on-disk cache: a 14 MB JS component's main module
   * takes ~25 s to compile on 2 cores). An entry that fails to load is evicted and the module
   * recompiled.
   *
   * @param cache the code cache, or null for none
   */
  public static LoadedComponent load(String name, byte[] bytes, Linker linker, CodeCache cache) {
    ComponentPlan plan;
    try {
      plan = ComponentDecoder.decode(bytes);
    } catch (ComponentException e) {
      throw new ComponentException(name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ComponentException(
          name + ": the component is inconsistent (" + e + "); rebuild it with wasm-tools", e);
    }
    Map<String, HostInterface> hosts = link(name, plan, linker);
    Map<ComponentPlan, List<CompiledCore>> cores = new IdentityHashMap<>();
    compileAll(name, plan, cores, cache);
    return new LoadedComponent(name, plan, cores, hosts);
  }

  /** Compiles the core modules of {@code plan} and of every component nested in it. */
  private static void compileAll(
      String name,
      ComponentPlan plan,
      Map<ComponentPlan, List<CompiledCore>> out,
      CodeCache cache) {
    List<CompiledCore> cores = new ArrayList<>();
    List<byte[]> modules = TypeRenumbering.apply(plan.modules());
    for (int i = 0; i < modules.size(); i++) {
      cores.add(compile(name, i, modules.get(i), cache));
    }
    out.put(plan, cores);
    for (Step step : plan.steps()) {
      if (step instanceof Step.Instantiate in) {
        compileAll(name, in.plan(), out, cache);
      }
    }
  }

  private static Map<String, HostInterface> link(String name, ComponentPlan plan, Linker linker) {
    for (String iface : plan.imports().keySet()) {
      refuseSpin1(name, iface, "imports");
    }
    for (String iface : plan.exports().keySet()) {
      refuseSpin1(name, iface, "exports");
    }
    Map<String, HostInterface> hosts = new LinkedHashMap<>();
    plan.imports()
        .forEach(
            (imp, e) -> {
              if (e.sort() == Step.TYPE) {
                return;
              }
              HostInterface host =
                  linker
                      .resolve(imp)
                      .orElseThrow(
                          () ->
                              new ComponentException(
                                  name
                                      + " imports "
                                      + imp
                                      + ", which this host does not provide (wasmlet inspect"
                                      + " shows every import); build the component for the"
                                      + " wasi:http/proxy world"));
              if (e.type() instanceof CType.Instance inst) {
                inst.exports()
                    .forEach(
                        (fn, x) -> {
                          if (x.sort() == Step.FUNC && host.func(fn) == null) {
                            throw new ComponentException(
                                name
                                    + " imports function "
                                    + fn
                                    + " of "
                                    + imp
                                    + ", which this host's "
                                    + host.name()
                                    + " does not provide");
                          }
                        });
              }
              hosts.put(imp, host);
            });
    return hosts;
  }

  /**
   * Spin 1's interfaces are the unversioned {@code fermyon:spin/*} ones (Spin 2's carry
   * {@code @2.0.0}); a component using them is a Spin 1.x app wrapped by Spin's adapter.
   */
  private static void refuseSpin1(String name, String iface, String how) {
    if (iface.startsWith("fermyon:spin/") && !iface.contains("@")) {
      throw new ComponentException(
          name
              + " "
              + how
              + " "
              + iface
              + ", a Spin 1.x interface; Spin 1 interfaces are not supported: rebuild the app"
              + " with a Spin SDK 2.0 or later");
    }
  }

  private static CompiledCore compile(String name, int index, byte[] bytes, CodeCache cache) {
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (RuntimeException | AssertionError e) {
      throw new ComponentException(
          name + ": core module " + index + " is not valid WebAssembly: " + e.getMessage(), e);
    }
    try {
      Function<Instance, Machine> machine = machine(module, cache);
      return new CompiledCore(
          module, machine, new ImagedMemories(2 * Runtime.getRuntime().availableProcessors()));
    } catch (RuntimeException | LinkageError e) {
      throw new ComponentException(
          name + ": core module " + index + " failed to compile: " + e.getMessage(), e);
    }
  }

  private static Function<Instance, Machine> machine(WasmModule module, CodeCache cache) {
    if (cache == null) {
      return MachineFactoryCompiler.builder(module).compile();
    }
    try {
      return MachineFactoryCompiler.builder(module).withCache(cache).compile();
    } catch (RuntimeException | LinkageError e) {
      // a cached entry whose classes do not load: never trust it again, compile afresh
      cache.evict(module.digest());
      return MachineFactoryCompiler.builder(module).compile();
    }
  }

  public String name() {
    return name;
  }

  ComponentPlan plan() {
    return plan;
  }

  List<CompiledCore> cores(ComponentPlan of) {
    return cores.get(of);
  }

  Map<String, HostInterface> hosts() {
    return hosts;
  }

  /** Whether the component exports {@code iface} (matched with semver, as imports are). */
  public boolean exports(String iface) {
    String key = Semver.key(iface);
    return plan.exports().keySet().stream().anyMatch(n -> Semver.key(n).equals(key));
  }

  /**
   * A fresh instance whose memories are capped at {@code maxPages} 64 KiB pages in all; core start
   * functions run now. "Fresh" as the guest can tell: it may be an instance a finished request
   * used, put back exactly as instantiation left it (memories from their images, globals, tables
   * and element segments restored; see {@link #finished}), which costs what that request changed
   * instead of rebuilding every core instance.
   */
  public ComponentInstance instantiate(Store store, int maxPages) {
    Deque<Instantiation> idle = reusable.get(maxPages);
    Instantiation kept = idle == null ? null : idle.pollFirst();
    if (kept != null) {
      keptCount.decrementAndGet();
      kept.rebind(store);
      return new ComponentInstance(this, store, kept.exports(), kept, maxPages);
    }
    Instantiation instantiation = new Instantiation(this, store, maxPages);
    try {
      Map<String, Object> exports = instantiation.run();
      instantiation.prepareReuse();
      return new ComponentInstance(this, store, exports, instantiation, maxPages);
    } catch (RuntimeException | StackOverflowError e) {
      instantiation.release();
      throw e;
    }
  }

  /** How many instances are kept for reuse now. */
  int keptInstances() {
    return keptCount.get();
  }

  /**
   * Ends a request's use of an instance: one whose calls all returned normally and that can be put
   * back as instantiation left it is kept for the next request with the same memory cap (up to
   * {@link #KEPT} of them); any other gives its memories back.
   */
  void finished(Instantiation instantiation, int maxPages, boolean clean) {
    if (clean && instantiation.resetForReuse()) {
      Deque<Instantiation> idle =
          reusable.computeIfAbsent(maxPages, k -> new ConcurrentLinkedDeque<>());
      if (keptCount.incrementAndGet() <= KEPT) {
        idle.offerFirst(instantiation);
        return;
      }
      keptCount.decrementAndGet();
    }
    instantiation.release();
  }
}
