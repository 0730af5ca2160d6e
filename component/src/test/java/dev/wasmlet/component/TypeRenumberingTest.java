package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core modules of one component that share a table and call each other through it must agree on
 * type indices (componentize-py's output); shared-table.wasm numbers the same signatures
 * differently in its two modules.
 */
class TypeRenumberingTest {
  private static byte[] resource(String file) throws Exception {
    try (InputStream in = TypeRenumberingTest.class.getResourceAsStream("/components/" + file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void callsThroughASharedTableAcrossModulesResolve() throws Exception {
    LoadedComponent loaded =
        LoadedComponent.load("shared-table.wasm", resource("shared-table.wasm"), new Linker());
    try (ComponentInstance c = loaded.instantiate(new Store(), 64)) {
      assertThat(c.call("wasmlet:test/shared@0.1.0", "run")).isEqualTo(87L);
    }
  }

  @Test
  void aRealSignatureMismatchStillTraps() throws Exception {
    LoadedComponent loaded =
        LoadedComponent.load("shared-table.wasm", resource("shared-table.wasm"), new Linker());
    try (ComponentInstance c = loaded.instantiate(new Store(), 64)) {
      assertThatThrownBy(() -> c.call("wasmlet:test/shared@0.1.0", "wrong"))
          .hasMessageContaining("indirect call type mismatch");
    }
  }

  @Test
  void everyModuleGetsOneTypeSectionAndKeepsItsSignatures() throws Exception {
    List<byte[]> before = ComponentDecoder.decode(resource("shared-table.wasm")).modules();
    List<byte[]> after = TypeRenumbering.apply(before);
    assertThat(after).hasSize(2);
    FunctionType[] shared = Parser.parse(after.get(0)).typeSection().types();
    for (int m = 0; m < 2; m++) {
      WasmModule old = Parser.parse(before.get(m));
      WasmModule now = Parser.parse(after.get(m));
      assertThat(now.typeSection().types()).containsExactly(shared);
      assertThat(signatures(now)).isEqualTo(signatures(old));
    }
    // module 1 (the larger) keeps its numbering: the union starts with its types, in order
    FunctionType[] own = Parser.parse(before.get(1)).typeSection().types();
    assertThat(Arrays.copyOf(shared, own.length)).containsExactly(own);
    assertThat(shared).doesNotHaveDuplicates();
  }

  @Test
  void aSingleModuleIsLeftAlone() throws Exception {
    List<byte[]> one =
        List.of(ComponentDecoder.decode(resource("shared-table.wasm")).modules().get(0));
    assertThat(TypeRenumbering.apply(one)).isSameAs(one);
  }

  /** Every function's signature, imported ones first, resolved through its module's types. */
  private static List<FunctionType> signatures(WasmModule m) {
    List<FunctionType> out = new ArrayList<>();
    m.importSection().stream()
        .filter(i -> i instanceof FunctionImport)
        .forEach(i -> out.add(m.typeSection().getType(((FunctionImport) i).typeIndex())));
    for (int f = 0; f < m.functionSection().functionCount(); f++) {
      out.add(m.functionSection().getFunctionType(f, m.typeSection()));
    }
    return out;
  }
}
