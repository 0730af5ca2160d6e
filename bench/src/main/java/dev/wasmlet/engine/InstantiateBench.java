package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instantiation alone (no guest code runs), per example module, with a new memory each time and
 * with a recycled one from the component's {@link MemoryPool}; the difference is what the pool
 * saves. Lives in the engine's package to reach its package-private seams; bench only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseParallelGC"})
public class InstantiateBench {
  @Param({
    "examples/hello-c/hello.wasm",
    "examples/echo-c/echo.wasm",
    "examples/json-api-rust/json-api.wasm",
    "examples/hello-as/hello-as.wasm"
  })
  public String module;

  @Param({"new", "pooled"})
  public String memory;

  private Engine engine;
  private CompiledModule compiled;
  private ImportValues imports;
  private MemoryLimits limits;
  private MemoryPool pool;
  private WasiPreview1 wasi;

  @Setup(Level.Trial)
  public void setUp() {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    engine = Engine.builder().build();
    compiled = engine.load(module, root.resolve(module));
    wasi = WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).build();
    imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
    limits = compiled.memoryLimits(GuestLimits.defaults().maxPages());
    pool = new MemoryPool(limits, 4);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    wasi.close();
    engine.close();
  }

  @Benchmark
  public Instance instantiate() {
    if (memory.equals("new")) {
      return compiled.instantiate(imports, limits, ByteArrayMemory::new);
    }
    Instance instance = compiled.instantiate(imports, limits, pool::take);
    pool.release(instance.memory());
    return instance;
  }
}
