package dev.wasmlet.bench;

import dev.wasmlet.component.ComponentHost;
import dev.wasmlet.component.ComponentInstance;
import dev.wasmlet.component.LoadedComponent;
import dev.wasmlet.component.Store;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.spin.SpinHost;
import java.io.OutputStream;
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
 * Instantiating a component in-process, as each request does before its handler runs: every core
 * instance created (memories restored from their images, tables and globals set, start functions
 * run) and released, nothing called. The large guests are built by their examples' build.sh into
 * {@code .wasmlet/guests/}; compiled code comes from the engine's code cache under {@code
 * wasmlet.cache} (default {@code target/bench-cache}), so only the first fork compiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-XX:+UseParallelGC"})
public class ComponentInstantiateBench {
  /** Component paths relative to the repository root (set -Dwasmlet.root when elsewhere). */
  @Param({
    "examples/hello-component/hello.wasm",
    ".wasmlet/guests/py-echo.wasm",
    ".wasmlet/guests/spin-python.wasm"
  })
  public String component;

  private Engine engine;
  private LoadedComponent loaded;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    Path cache = Path.of(System.getProperty("wasmlet.cache", root + "/target/bench-cache"));
    engine = Engine.builder().withCacheDir(cache).build();
    Path file = root.resolve(component);
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file + " is missing: build it with its example's build.sh (see bench/instantiate.sh)");
    }
    loaded =
        LoadedComponent.load(
            component, Files.readAllBytes(file), SpinHost.linker(), engine.cache().orElseThrow());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public Store instantiate() {
    Store store =
        ComponentHost.newStore(
            List.of(), Map.of(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    try (ComponentInstance instance = loaded.instantiate(store, 65_536)) {
      return instance.store();
    }
  }
}
