package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineTest {
  private final Engine engine = Engine.builder().build();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void loadingTheSameBytesTwiceCompilesOnce() {
    CompiledModule a = engine.load("a", Fixtures.wasm("hello"));
    CompiledModule b = engine.load("b", Fixtures.wasm("hello"));
    assertThat(b).isSameAs(a);
    assertThat(engine.stats().compilations()).isEqualTo(1);
    assertThat(a.sha256()).isEqualTo(Digests.sha256Hex(Fixtures.wasm("hello")));
  }

  @Test
  void rejectsBytesThatAreNotWasmNamingTheModule() {
    assertThatThrownBy(
            () ->
                engine.load(
                    "web", "<html>hello</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(ModuleMalformed.class)
        .hasMessage(
            "module \"web\" is not a WebAssembly module (it does not start with the \\0asm magic"
                + " bytes); point the component's source at a .wasm file");
  }

  @Test
  void rejectsATruncatedModule() {
    byte[] whole = Fixtures.wasm("hello");
    byte[] cut = Arrays.copyOf(whole, whole.length - 20);
    assertThatThrownBy(() -> engine.load("cut", cut))
        .isInstanceOf(ModuleMalformed.class)
        .hasMessageStartingWith("module \"cut\" ");
  }

  @Test
  void rejectsAnInvalidModule() {
    byte[] bytes = Fixtures.wasm("hello").clone();
    // Corrupt the type section's function result count into nonsense.
    for (int i = 8; i < bytes.length; i++) {
      if (bytes[i] == 0x60) {
        bytes[i] = 0x61;
        break;
      }
    }
    assertThatThrownBy(() -> engine.load("bad", bytes))
        .isInstanceOf(ModuleMalformed.class)
        .hasMessageStartingWith("module \"bad\" is not valid WebAssembly: ");
  }

  @Test
  void rejectsUnknownImportsNamingEachOne() {
    assertThatThrownBy(() -> engine.load("rogue", Fixtures.wasm("unknown-import")))
        .isInstanceOf(LinkFailed.class)
        .hasMessage(
            "module \"rogue\" imports function \"env::launch_missiles\" from an unknown module;"
                + " only \"wasi_snapshot_preview1\" is provided (the component model and custom"
                + " host modules are not yet supported)");
  }

  @Test
  void refusesASpin1ModuleByName() {
    assertThatThrownBy(() -> engine.load("legacy", Fixtures.wasm("spin1-http")))
        .isInstanceOf(LinkFailed.class)
        .hasMessage(
            "module \"legacy\" is a Spin 1.x module (it exports handle-http-request, a Spin 1"
                + " interface); Spin 1 interfaces are not supported: rebuild it with a Spin SDK 2.0"
                + " or later, which builds a wasi:http component");
  }

  @Test
  void rejectsAComponentWhoseModuleHasNoStart() {
    CompiledModule lib = engine.load("lib", Fixtures.wasm("no-start"));
    assertThatThrownBy(() -> Component.builder(engine, "api", lib).build())
        .isInstanceOf(LinkFailed.class)
        .hasMessage(
            "component \"api\": module \"lib\" does not export the entry point \"_start\"; build it"
                + " as a WASI command (it must export _start) or set the executor's entrypoint to"
                + " one of [add]");
  }

  @Test
  void rejectsAModuleWhoseInitialMemoryExceedsTheLimit() {
    CompiledModule big = engine.load("big", Fixtures.wasm("big-memory"));
    GuestLimits small = GuestLimits.defaults().withMaxMemoryBytes(16L << 20);
    assertThatThrownBy(() -> Component.builder(engine, "big", big).withLimits(small).build())
        .isInstanceOf(LinkFailed.class)
        .hasMessage(
            "component \"big\": module \"big\" needs 67108864 bytes of memory to start but its"
                + " max_memory limit is 16777216 bytes; raise the limit or shrink the module's"
                + " initial memory");
  }
}
