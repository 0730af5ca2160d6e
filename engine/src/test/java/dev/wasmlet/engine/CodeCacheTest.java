package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCacheTest {
  @TempDir Path cacheDir;

  private static int serve(Engine engine) {
    CompiledModule m = engine.load("hello", Fixtures.wasm("hello"));
    Component c = Component.builder(engine, "hello", m).build();
    return new WagiExecutor().handle(c, Fixtures.get("/"), new ByteArrayOutputStream()).status();
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(p -> p.toString().endsWith(".code")).findFirst().orElseThrow();
    }
  }

  @Test
  void aRestartWithAWarmCacheDoesNotCompile() {
    try (Engine first = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(first)).isEqualTo(200);
      assertThat(first.stats().compilations()).isEqualTo(1);
    }
    try (Engine second = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(second)).isEqualTo(200);
      assertThat(second.stats().compilations()).isZero();
      assertThat(second.stats().cacheHits()).isEqualTo(1);
    }
  }

  @Test
  void aCorruptEntryIsDetectedAndRecompiled() throws IOException {
    try (Engine first = Engine.builder().withCacheDir(cacheDir).build()) {
      serve(first);
    }
    Path entry = onlyEntry();
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xFF);
    }
    try (Engine second = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(second)).isEqualTo(200);
      assertThat(second.stats().cacheCorrupt()).isEqualTo(1);
      assertThat(second.stats().compilations()).isEqualTo(1);
    }
    // The bad entry was replaced by a good one: a third start compiles nothing.
    try (Engine third = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(third)).isEqualTo(200);
      assertThat(third.stats().compilations()).isZero();
    }
  }

  @Test
  void aTruncatedEntryIsNeverTrusted() throws IOException {
    try (Engine first = Engine.builder().withCacheDir(cacheDir).build()) {
      serve(first);
    }
    Path entry = onlyEntry();
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    try (Engine second = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(second)).isEqualTo(200);
      assertThat(second.stats().cacheCorrupt()).isEqualTo(1);
    }
  }

  @Test
  void entriesLiveUnderADirectoryNamedForTheEngineVersion() throws IOException {
    try (Engine first = Engine.builder().withCacheDir(cacheDir).build()) {
      serve(first);
    }
    assertThat(onlyEntry().getParent().getFileName().toString())
        .startsWith("wasmlet-")
        .contains("-chicory-");
    assertThat(onlyEntry().getFileName().toString())
        .isEqualTo("sha256-" + Digests.sha256Hex(Fixtures.wasm("hello")) + ".code");
  }

  @Test
  void anIntactEntryWhoseCodeDoesNotLoadIsEvictedAndRecompiled() throws IOException {
    try (Engine first = Engine.builder().withCacheDir(cacheDir).build()) {
      serve(first);
    }
    // A well-formed entry (right magic and checksum) holding an empty jar: no classes at all.
    Path entry = onlyEntry();
    java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
    new java.util.jar.JarOutputStream(jar).close();
    byte[] payload = jar.toByteArray();
    byte[] magic = "WASMLET-CODE-1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write(magic);
    bytes.write(Digests.sha256(payload));
    bytes.write(payload);
    Files.write(entry, bytes.toByteArray());
    try (Engine second = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(second)).isEqualTo(200);
      assertThat(second.stats().cacheCorrupt()).isEqualTo(1);
      assertThat(second.stats().compilations()).isEqualTo(1);
    }
    try (Engine third = Engine.builder().withCacheDir(cacheDir).build()) {
      assertThat(serve(third)).isEqualTo(200);
      assertThat(third.stats().compilations()).isZero();
    }
  }
}
