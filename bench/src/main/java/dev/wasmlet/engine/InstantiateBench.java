package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.Instance;
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
 * Instantiation alone (no guest code runs), per example module: with a new memory that Chicory
 * zeroes and initialises ({@code fresh}, the behaviour before memory images) and with a memory
 * restored from the module's image ({@code image}). Lives in the engine's package to reach its
 * package-private seams; bench only.
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

  @Param({"fresh", "image"})
  public String memory;

  private Engine engine;
  private Component component;

  @Setup(Level.Trial)
  public void setUp() {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    engine = Engine.builder().build();
    component =
        Component.builder(engine, module, engine.load(module, root.resolve(module)))
            .withMemoryImages(memory.equals("image"))
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    component.close();
    engine.close();
  }

  @Benchmark
  public Instance instantiate() {
    Instance instance = component.instantiateOnly();
    component.recycle(instance);
    return instance;
  }
}
