package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite-backed store: operations, durability across reopening, atomics, batches. */
class KeyValueStoreTest {
  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valuesSurviveClosingAndReopening() {
    Path file = tmp.resolve("kv.db");
    try (KeyValueStore kv = KeyValueStore.open("default", file)) {
      assertThat(kv.get("a")).isEmpty();
      kv.set("a", b("1"));
      kv.set("b", new byte[0]);
      kv.set("a", b("2"));
      assertThat(kv.exists("b")).isTrue();
      kv.delete("missing"); // deleting nothing is fine
    }
    try (KeyValueStore kv = KeyValueStore.open("default", file)) {
      assertThat(kv.get("a")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("2")));
      assertThat(kv.get("b")).hasValueSatisfying(v -> assertThat(v).isEmpty());
      assertThat(kv.keys()).containsExactly("a", "b");
      kv.delete("a");
      assertThat(kv.exists("a")).isFalse();
    }
  }

  @Test
  void labelsInOneFileAreSeparate() {
    Path file = tmp.resolve("kv.db");
    try (KeyValueStore one = KeyValueStore.open("one", file);
        KeyValueStore two = KeyValueStore.open("two", file)) {
      one.set("k", b("1"));
      assertThat(two.get("k")).isEmpty();
      assertThat(two.keys()).isEmpty();
    }
  }

  @Test
  void incrementCountsFromZeroInSpinsEncodingAndRefusesOtherValues() {
    try (KeyValueStore kv = KeyValueStore.open("default", tmp.resolve("kv.db"))) {
      assertThat(kv.increment("n", 5)).isEqualTo(5);
      assertThat(kv.increment("n", -7)).isEqualTo(-2);
      assertThat(kv.get("n").orElseThrow())
          .containsExactly(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
      kv.set("text", b("abc"));
      assertThatThrownBy(() -> kv.increment("text", 1))
          .isInstanceOf(KeyValueFailed.class)
          .hasMessageContaining("not a 64-bit integer");
      assertThat(kv.get("text").orElseThrow()).isEqualTo(b("abc"));
    }
  }

  @Test
  void compareAndSwapOnlyReplacesWhatItSaw() {
    try (KeyValueStore kv = KeyValueStore.open("default", tmp.resolve("kv.db"))) {
      assertThat(kv.compareAndSwap("k", Optional.empty(), b("first"))).isTrue();
      assertThat(kv.compareAndSwap("k", Optional.empty(), b("again"))).isFalse();
      assertThat(kv.compareAndSwap("k", Optional.of(b("stale")), b("x"))).isFalse();
      assertThat(kv.compareAndSwap("k", Optional.of(b("first")), b("second"))).isTrue();
      assertThat(kv.get("k").orElseThrow()).isEqualTo(b("second"));
    }
  }

  @Test
  void batchesAreAllOrNothing() {
    try (KeyValueStore kv = KeyValueStore.open("default", tmp.resolve("kv.db"))) {
      Map<String, byte[]> many = new LinkedHashMap<>();
      many.put("x", b("1"));
      many.put("y", b("2"));
      kv.setMany(many);
      assertThat(kv.keys()).containsExactly("x", "y");
      kv.deleteMany(List.of("x", "y", "z"));
      assertThat(kv.keys()).isEmpty();
    }
  }
}
