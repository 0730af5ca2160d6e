package dev.wasmlet.engine;

import dev.wasmlet.bench.BenchRequests;
import java.io.OutputStream;
import java.nio.file.Files;
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
 * One WAGI request in-process (as {@code WagiRequestBench}) for the same C hello guest at 2, 17,
 * 160 and 640 pages of initial memory, without data and with half of it as an initialised data
 * segment: with memories restored from the module's image ({@code image}) and, as the baseline in
 * the same run, with a new memory zeroed and initialised per request ({@code fresh}, the engine
 * before images). Guests come from bench/guests/memory/build.sh (bench/memory.sh runs it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g"})
public class MemorySizeBench {
  @Param({"2", "17", "160", "640"})
  public int pages;

  @Param({"none", "large"})
  public String data;

  @Param({"image", "fresh"})
  public String memory;

  private Engine engine;
  private Component component;
  private final WagiExecutor executor = new WagiExecutor();
  private WagiRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    Path file = root.resolve("bench/target/guests/hello-" + pages + "p-" + data + ".wasm");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: run bench/guests/memory/build.sh");
    }
    engine = Engine.builder().build();
    component =
        Component.builder(engine, file.getFileName().toString(), engine.load("guest", file))
            .withMemoryImages(memory.equals("image"))
            .build();
    request = BenchRequests.hello();
    if (executor.handle(component, request, OutputStream.nullOutputStream()).status() != 200) {
      throw new IllegalStateException(file + " did not answer 200");
    }
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
