package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fresh instance per request, with memories restored from an image: nothing may leak. */
class MemoryIsolationTest {
  private final Engine engine = Engine.builder().build();
  private final WagiExecutor wagi = new WagiExecutor();

  @AfterEach
  void close() {
    engine.close();
  }

  private Component component(String fixture) {
    return Component.builder(engine, fixture, engine.load(fixture, Fixtures.wasm(fixture))).build();
  }

  private String call(Component c) {
    WagiResponse r = wagi.handle(c, Fixtures.get("/x"), new ByteArrayOutputStream());
    assertThat(r.status()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** The FNV-1a hash of scribble.wat's memory as instantiation leaves it: 3 pages, its data. */
  private static String pristineScribbleHash() {
    byte[] memory = new byte[3 * 65536];
    put(memory, 400, "Content-Type: text/plain\n\n");
    put(memory, 1000, "image-data-page0");
    put(memory, 140000, "image-data-page2");
    long h = 0xcbf29ce484222325L;
    for (byte b : memory) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return HexFormat.of().toHexDigits(h) + "\n";
  }

  private static void put(byte[] memory, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, memory, at, b.length);
  }

  @Test
  void noByteWrittenByOneRequestIsVisibleToTheNext() {
    Component c = component("scribble");
    String pristine = pristineScribbleHash();
    // Each request hashes its whole memory (size included) before writing every page with every
    // kind of store, growing by two pages and dropping its passive segment.
    for (int i = 0; i < 6; i++) {
      assertThat(call(c)).as("request %d", i).isEqualTo(pristine);
    }
    assertThat(engine.stats().instances()).isEqualTo(6);
  }

  @Test
  void concurrentRequestsBeyondThePoolEachSeeThePristineImage() throws Exception {
    Component c = component("scribble");
    String pristine = pristineScribbleHash();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(pool.submit(() -> call(c)));
      }
      for (Future<String> a : answers) {
        assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(pristine);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStartFunctionRunsOnThePristineImageForEveryInstance() {
    Component c = component("start-writes");
    for (int i = 0; i < 4; i++) {
      assertThat(call(c)).isEqualTo("A\n");
    }
  }

  @Test
  void aFailedRequestLeavesNothingForTheNext() {
    Component scribble = component("scribble");
    String pristine = pristineScribbleHash();
    assertThat(call(scribble)).isEqualTo(pristine);
    Component counter = component("counter");
    assertThat(call(counter)).isEqualTo("fresh\n");
    Component trap = component("trap");
    assertThatThrownBy(() -> call(trap)).isInstanceOf(GuestFailed.class);
    assertThat(call(counter)).isEqualTo("fresh\n");
    assertThat(call(scribble)).isEqualTo(pristine);
  }

  @Test
  void componentsOfOneModuleShareOneImage() {
    Component a = component("scribble");
    Component b =
        Component.builder(engine, "other", engine.load("scribble", Fixtures.wasm("scribble")))
            .withLimits(GuestLimits.defaults().withMaxMemoryBytes(8L << 20))
            .build();
    assertThat(a.memoryImage()).isPresent();
    assertThat(b.memoryImage().orElseThrow()).isSameAs(a.memoryImage().orElseThrow());
    assertThat(a.memoryImage().orElseThrow().dataBlocks())
        .as("3 pages of 16 blocks, data in blocks 0 and 34 only")
        .isEqualTo(2);
    assertThat(call(b)).isEqualTo(pristineScribbleHash());
  }

  @Test
  void memoriesNoRequestNeededForAWhileAreGivenBack() throws Exception {
    Component c = component("scribble");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> burst = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        burst.add(pool.submit(() -> call(c)));
      }
      for (Future<String> f : burst) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    MemoryPool memories = c.memoryPool().orElseThrow();
    assertThat(memories.idle()).as("memories kept after the burst").isPositive();
    // Nothing released since now is idle yet; everything released before a later cutoff is.
    assertThat(engine.trimmer().trimNow(System.nanoTime() - 60_000_000_000L)).isZero();
    assertThat(engine.trimmer().trimNow(System.nanoTime() + 1)).isPositive();
    assertThat(memories.idle()).isZero();
    assertThat(call(c)).isEqualTo(pristineScribbleHash());
    assertThat(memories.idle()).isEqualTo(1);
  }

  @Test
  void aDataSegmentThatDoesNotFitStopsTheLoadWithItsReason() {
    assertThatThrownBy(() -> component("bad-data"))
        .isInstanceOf(LinkFailed.class)
        .hasMessageStartingWith("component \"bad-data\" (module sha256:")
        .hasMessageContaining("cannot be instantiated: ")
        .hasMessageContaining("out of bounds memory access");
  }
}
