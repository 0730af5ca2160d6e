package dev.wasmlet.bench;

import dev.wasmlet.component.ComponentHost;
import dev.wasmlet.component.LoadedComponent;
import dev.wasmlet.component.LocalGet;
import dev.wasmlet.component.WasiHttp;
import dev.wasmlet.engine.Component;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.WagiExecutor;
import dev.wasmlet.engine.WagiRequest;
import dev.wasmlet.engine.WagiResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * One {@code wasi:http} request in-process through the component executor, a fresh instance each
 * time (instantiate every core module, call incoming-handler, stream the body to a null sink), and
 * the WAGI request for the C hello module in the same run as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseParallelGC"})
public class ComponentRequestBench {
  /** Component paths relative to the repository root (set -Dwasmlet.root when elsewhere). */
  @Param({"examples/hello-component/hello.wasm", "examples/echo-component/echo.wasm"})
  public String component;

  private LoadedComponent loaded;
  private Engine engine;
  private Component wagi;
  private final WagiExecutor executor = new WagiExecutor();
  private WagiRequest request;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    Path file = root.resolve(component);
    loaded = LoadedComponent.load(component, Files.readAllBytes(file), ComponentHost.linker());
    engine = Engine.builder().build();
    Path hello = root.resolve("examples/hello-c/hello.wasm");
    wagi = Component.builder(engine, "hello.wasm", engine.load("hello.wasm", hello)).build();
    request = BenchRequests.hello();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    wagi.close();
    engine.close();
  }

  @Benchmark
  public WasiHttp.Outcome component() {
    return WasiHttp.serve(
        loaded,
        ComponentHost.newStore(
            List.of(), Map.of(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream()),
        new LocalGet(
            "/",
            List.of(
                Map.entry("host", "localhost".getBytes(StandardCharsets.UTF_8)),
                Map.entry("accept", "*/*".getBytes(StandardCharsets.UTF_8)))),
        256,
        1 << 20);
  }

  @Benchmark
  public WagiResponse wagiBaseline() {
    return executor.handle(wagi, request, OutputStream.nullOutputStream());
  }
}
