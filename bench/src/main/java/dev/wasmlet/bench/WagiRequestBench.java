package dev.wasmlet.bench;

import dev.wasmlet.engine.Component;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.WagiExecutor;
import dev.wasmlet.engine.WagiRequest;
import dev.wasmlet.engine.WagiResponse;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
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
 * One WAGI request in-process, a fresh instance each time: CGI environment, instantiate, run {@code
 * _start}, parse the CGI response. Sample mode reports p50/p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseParallelGC"})
public class WagiRequestBench {
  /** Example module paths relative to the repository root (set -Dwasmlet.root when elsewhere). */
  @Param({
    "examples/hello-c/hello.wasm",
    "examples/echo-c/echo.wasm",
    "examples/json-api-rust/json-api.wasm",
    "examples/hello-as/hello-as.wasm"
  })
  public String module;

  private Engine engine;
  private Component component;
  private final WagiExecutor executor = new WagiExecutor();
  private WagiRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    engine = Engine.builder().build();
    Path file = root.resolve(module);
    component =
        Component.builder(engine, file.getFileName().toString(), engine.load(module, file))
            .withEnvironment(Map.of("API_VERSION", "v1"))
            .build();
    request = BenchRequests.hello();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    component.close();
    engine.close();
  }

  @Benchmark
  public WagiResponse request() {
    return executor.handle(component, request, OutputStream.nullOutputStream());
  }
}
