package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Linking by interface name with semver, and the handle table's ownership rules. */
class LinkingTest {
  @Test
  void compatibleVersionsShareAKeyAsInWasmtime() {
    assertThat(Semver.key("wasi:io/streams@0.2.12")).isEqualTo("wasi:io/streams@0.2");
    assertThat(Semver.key("wasi:io/streams@0.2.0")).isEqualTo("wasi:io/streams@0.2");
    assertThat(Semver.key("fermyon:spin/kv@2.0.0")).isEqualTo("fermyon:spin/kv@2");
    assertThat(Semver.key("fermyon:spin/kv@2.3.1")).isEqualTo("fermyon:spin/kv@2");
    // 0.0.x is only compatible with itself; pre-releases and odd versions match exactly
    assertThat(Semver.key("a:b/c@0.0.3")).isEqualTo("a:b/c@0.0.3");
    assertThat(Semver.key("wasi:keyvalue/store@0.2.0-draft2"))
        .isEqualTo("wasi:keyvalue/store@0.2.0-draft2");
    assertThat(Semver.key("a:b/c@01.2.3")).isEqualTo("a:b/c@01.2.3");
    assertThat(Semver.key("a:b/c")).isEqualTo("a:b/c");
  }

  @Test
  void aSpin1ComponentIsRefusedByNameEvenWhereTheInterfaceIsDefined() throws Exception {
    byte[] bytes;
    try (InputStream in = LinkingTest.class.getResourceAsStream("/components/spin1-config.wasm")) {
      bytes = in.readAllBytes();
    }
    Linker l = new Linker().define(HostInterface.builder("fermyon:spin/config").build());
    assertThatThrownBy(() -> LoadedComponent.load("app.wasm", bytes, l))
        .isInstanceOf(ComponentException.class)
        .hasMessage(
            "app.wasm imports fermyon:spin/config, a Spin 1.x interface; Spin 1 interfaces are"
                + " not supported: rebuild the app with a Spin SDK 2.0 or later");
  }

  @Test
  void aHostInterfaceServesOlderAndNewerPatchImports() {
    Linker l = new Linker().define(HostInterface.builder("wasi:io/poll@0.2.12").build());
    assertThat(l.resolve("wasi:io/poll@0.2.0")).isPresent();
    assertThat(l.resolve("wasi:io/poll@0.2.99")).isPresent();
    assertThat(l.resolve("wasi:io/poll@0.3.0")).isEmpty();
    assertThat(l.resolve("wasi:io/poll")).isEmpty();
    assertThatThrownBy(() -> l.define(HostInterface.builder("wasi:io/poll@0.2.1").build()))
        .hasMessageContaining("defined twice");
  }

  @Test
  void handlesAreCheckedForLivenessAndType() {
    ResourceTable t = new ResourceTable();
    int a = t.insert("wasi:io/streams@0.2#input-stream", "in", true);
    int b = t.insert("wasi:http/types@0.2#fields", "f", true);
    assertThat(a).isNotZero();
    assertThat(t.get(a, "wasi:io/streams@0.2#input-stream").rep()).isEqualTo("in");
    assertThatThrownBy(() -> t.get(b, "wasi:io/streams@0.2#input-stream"))
        .isInstanceOf(ComponentTrap.class)
        .hasMessageContaining("is a fields, not a input-stream");
    assertThatThrownBy(() -> t.get(0, "wasi:http/types@0.2#fields"))
        .isInstanceOf(ComponentTrap.class);
    assertThatThrownBy(() -> t.get(-5, "wasi:http/types@0.2#fields"))
        .isInstanceOf(ComponentTrap.class);
    t.remove(a, "wasi:io/streams@0.2#input-stream");
    assertThatThrownBy(() -> t.remove(a, "wasi:io/streams@0.2#input-stream"))
        .as("a dropped handle cannot be dropped again")
        .isInstanceOf(ComponentTrap.class)
        .hasMessageContaining("not a live");
    int c = t.insert("wasi:http/types@0.2#fields", "g", true);
    assertThat(c).as("freed slots are reused").isEqualTo(a);
    assertThat(t.live()).hasSize(2);
  }
}
