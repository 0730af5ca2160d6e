package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance a finished request used serves the next one only as a fresh instance would: its
 * globals, table entries and element segments are put back (reuse-state.wasm, built from WAT), and
 * an instance whose call failed or whose table grew is never reused.
 */
class InstanceReuseTest {
  private static final String API = "wasmlet:test/reuse";

  private LoadedComponent component;

  @BeforeEach
  void load() throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/components/reuse-state.wasm")) {
      bytes = in.readAllBytes();
    }
    component = LoadedComponent.load("reuse-state.wasm", bytes, new Linker());
  }

  private Object call(ComponentInstance i, String func) {
    return i.call(API, func);
  }

  @Test
  void aReusedInstanceStartsAsAFreshOne() {
    for (int request = 0; request < 4; request++) {
      try (ComponentInstance i = component.instantiate(new Store(), 16)) {
        assertThat(call(i, "bump")).as("the global starts at 0").isEqualTo(1L);
        assertThat(call(i, "bump")).isEqualTo(2L);
        assertThat(call(i, "first")).as("table[0] is $one").isEqualTo(1L);
        call(i, "swap");
        assertThat(call(i, "first")).isEqualTo(2L);
        assertThat(call(i, "init")).as("the passive segment is there").isEqualTo(0L);
        call(i, "drop");
      }
      assertThat(component.keptInstances()).as("kept after request %d", request).isEqualTo(1);
    }
  }

  @Test
  void anInstanceWhoseCallFailedIsNotKept() {
    try (ComponentInstance i = component.instantiate(new Store(), 16)) {
      call(i, "drop");
      assertThatThrownBy(() -> call(i, "init")).isInstanceOf(ComponentTrap.class);
    }
    assertThat(component.keptInstances()).isZero();
    try (ComponentInstance i = component.instantiate(new Store(), 16)) {
      assertThat(call(i, "init")).isEqualTo(0L);
    }
    assertThat(component.keptInstances()).isEqualTo(1);
  }

  @Test
  void anInstanceWhoseTableGrewIsNotKept() {
    try (ComponentInstance i = component.instantiate(new Store(), 16)) {
      assertThat(call(i, "grow")).as("the old size").isEqualTo(2L);
    }
    assertThat(component.keptInstances()).isZero();
  }

  @Test
  void instancesAreKeptPerMemoryCap() {
    component.instantiate(new Store(), 16).close();
    component.instantiate(new Store(), 32).close();
    assertThat(component.keptInstances()).isEqualTo(2);
    try (ComponentInstance i = component.instantiate(new Store(), 32)) {
      assertThat(component.keptInstances()).isEqualTo(1);
      assertThat(call(i, "bump")).isEqualTo(1L);
    }
  }
}
