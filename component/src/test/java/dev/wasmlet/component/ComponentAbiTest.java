package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every canonical-ABI value kind through a real component (abi.wasm, built by wit-bindgen's C
 * generator from abi.wit): host to guest and back, guest to host and back, in UTF-8 and UTF-16, a
 * guest-implemented resource owned and borrowed by the host, and a trap.
 */
class ComponentAbiTest {
  private static final String API = "wasmlet:abi/api@0.1.0";
  private final List<Object> echoed = new ArrayList<>();

  private Linker linker() {
    Linker l = new Linker();
    l.define(HostInterface.builder("wasmlet:abi/types@0.1.0").build());
    l.define(
        HostInterface.builder("wasmlet:abi/host@0.1.0")
            .func(
                "echo",
                (s, a) -> {
                  echoed.add(a[0]);
                  return a[0];
                })
            .func(
                "sum",
                (s, a) -> {
                  long sum = 0;
                  for (Object p : (List<?>) a[0]) {
                    List<?> xy = (List<?>) p;
                    sum += (Integer) xy.get(0) + (long) (Integer) xy.get(1);
                  }
                  return sum;
                })
            .func("greet", (s, a) -> "hello, " + a[0])
            .func("fail", (s, a) -> (Long) a[0] == 0 ? WitVariant.ok("fine") : WitVariant.err(a[0]))
            .build());
    return l;
  }

  private ComponentInstance instance(String file) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/components/" + file)) {
      bytes = in.readAllBytes();
    }
    return LoadedComponent.load(file, bytes, linker()).instantiate(new Store(), 64);
  }

  /** One of every kind, with values at the edges: unsigned maxima, non-ASCII text, nesting. */
  private static List<Object> everything() {
    return Arrays.asList(
        true,
        255,
        -128,
        65535,
        -32768,
        0xffff_ffffL,
        Integer.MIN_VALUE,
        -1L,
        Long.MIN_VALUE,
        1.5f,
        -2.25e300,
        0x1F600,
        "h\u00e9llo \u4e16\u754c \uD83D\uDE00",
        new byte[] {0, 1, (byte) 0xff},
        List.of(List.of(1, -2), List.of(Integer.MAX_VALUE, 0)),
        List.of(7, "tuple", 3.5),
        Optional.of("some"),
        WitVariant.err("bad"),
        2,
        new WitVariant(1, List.of(3, 4)),
        0b101,
        List.of(List.of("a", ""), List.of(), List.of("\u00fc")));
  }

  private static void assertSame(Object actual, Object expected) {
    List<?> a = (List<?>) actual;
    List<?> e = (List<?>) expected;
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      if (e.get(i) instanceof byte[] bytes) {
        assertThat((byte[]) a.get(i)).as("field %d", i).containsExactly(bytes);
      } else {
        assertThat(a.get(i)).as("field %d", i).isEqualTo(e.get(i));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"abi.wasm", "abi-utf16.wasm"})
  void everyValueKindRoundTripsThroughTheGuest(String file) throws Exception {
    ComponentInstance c = instance(file);
    assertSame(c.call(API, "roundtrip", everything()), everything());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abi.wasm", "abi-utf16.wasm"})
  void everyValueKindRoundTripsThroughTheHostImport(String file) throws Exception {
    ComponentInstance c = instance(file);
    assertSame(c.call(API, "via-host", everything()), everything());
    assertThat(echoed).hasSize(1);
    assertSame(echoed.get(0), everything());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abi.wasm", "abi-utf16.wasm"})
  void stringsListsAndResultsCrossBothWays(String file) throws Exception {
    ComponentInstance c = instance(file);
    assertThat(c.call(API, "greet-via-host", "w\u00f6rld \uD83D\uDE00"))
        .isEqualTo("guest saw: hello, w\u00f6rld \uD83D\uDE00");
    assertThat(c.call(API, "sum-via-host", List.of(List.of(1, 2), List.of(-10, 4)))).isEqualTo(-3L);
    assertThat(c.call(API, "fail-via-host", 0L)).isEqualTo(WitVariant.ok("fine"));
    assertThat(c.call(API, "fail-via-host", 7L)).isEqualTo(WitVariant.err(7L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abi.wasm", "abi-utf16.wasm"})
  void guestResourcesAreOwnedAndBorrowedByTheHost(String file) throws Exception {
    ComponentInstance c = instance(file);
    Object a = c.call(API, "make-counter", 5L);
    Object b = c.call("wasmlet:abi/types@0.1.0", "[constructor]counter", 10L);
    assertThat(a).isInstanceOf(GuestResource.class);
    assertThat(c.call("wasmlet:abi/types@0.1.0", "[method]counter.add", a, 2L)).isEqualTo(7L);
    assertThat(c.call("wasmlet:abi/types@0.1.0", "[method]counter.value", b)).isEqualTo(10L);
    assertThat(c.call(API, "counter-total", List.of(a, b))).isEqualTo(17L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abi.wasm", "abi-utf16.wasm"})
  void aGuestTrapIsAnExceptionNotACrash(String file) throws Exception {
    ComponentInstance c = instance(file);
    assertThatThrownBy(() -> c.call(API, "trap"))
        .isInstanceOf(ComponentTrap.class)
        .hasMessageStartingWith(file + ": " + API + "#trap trapped: ")
        .hasMessageContaining("unreachable");
  }
}
