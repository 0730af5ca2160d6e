package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** args_* and environ_* as WASI preview 1 defines them, answered from the request's values. */
class GuestContextTest {
  private final Memory memory = new ByteArrayMemory(new MemoryLimits(1, 1));

  private static GuestContext context(
      List<String> args, Map<String, String> fixed, Map<String, String> request) {
    return new GuestContext(
        WasiPreview1.builder().withLogger(ChicoryLog.INSTANCE).build(), args, fixed, request);
  }

  /** Reads what a guest would: the pointers at {@code list}, each a NUL-terminated string. */
  private List<String> strings(int count, int list) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(memory.readCString(memory.readInt(list + 4 * i), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void argsAreCountedWithTheirTerminatorsAndWrittenAsCStrings() {
    try (GuestContext c = context(List.of("/héllo", "", "x=1"), Map.of(), Map.of())) {
      assertThat(c.argsSizesGet(memory, 0, 4)).isZero();
      assertThat(memory.readInt(0)).isEqualTo(3);
      assertThat(memory.readInt(4))
          .isEqualTo("/héllo".getBytes(StandardCharsets.UTF_8).length + 1 + 1 + 4);
      assertThat(c.argsGet(memory, 100, 200)).isZero();
      assertThat(strings(3, 100)).containsExactly("/héllo", "", "x=1");
    }
  }

  @Test
  void theRequestsVariablesOverrideTheComponentsAndBothAreListed() {
    Map<String, String> fixed = new LinkedHashMap<>();
    fixed.put("GREETING", "hi");
    fixed.put("PATH_INFO", "from-manifest");
    Map<String, String> request = new LinkedHashMap<>();
    request.put("PATH_INFO", "/x");
    request.put("EMPTY", "");
    try (GuestContext c = context(List.of(), fixed, request)) {
      assertThat(c.environSizesGet(memory, 0, 4)).isZero();
      assertThat(memory.readInt(0)).isEqualTo(3);
      assertThat(memory.readInt(4))
          .isEqualTo("GREETING=hi".length() + "PATH_INFO=/x".length() + "EMPTY=".length() + 3);
      assertThat(c.environGet(memory, 100, 200)).isZero();
      assertThat(strings(3, 100)).containsExactly("GREETING=hi", "PATH_INFO=/x", "EMPTY=");
    }
  }
}
