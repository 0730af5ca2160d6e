package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.component.Inspection.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The component binary parser on components built by real toolchains (wit-bindgen + wasm-tools,
 * committed with their sources) and on broken and hostile bytes.
 */
class ComponentParserTest {
  private static final Path EXAMPLES = Path.of("../examples");
  private static final Path COMPONENTS = Path.of("src/test/resources/components");

  private static byte[] read(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  private static Item member(Item instance, String name) {
    return instance.members().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + instance.members()));
  }

  @Test
  void theHelloComponentImportsWasiHttpAndExportsTheIncomingHandler() throws IOException {
    Inspection i = ModuleInspector.inspect(read(EXAMPLES.resolve("hello-component/hello.wasm")));
    assertThat(i.kind()).isEqualTo("component");
    assertThat(i.importedInterfaces())
        .containsExactly(
            "wasi:io/error@0.2.12", "wasi:io/streams@0.2.12", "wasi:http/types@0.2.12");
    Item types = i.imports().get(2);
    assertThat(member(types, "[method]fields.append").wit())
        .isEqualTo(
            "func(self: borrow<fields>, name: field-name, value: field-value)"
                + " -> result<_, header-error>");
    assertThat(member(types, "[static]response-outparam.set").wit())
        .isEqualTo(
            "func(param: own<response-outparam>, response: result<own<outgoing-response>,"
                + " error-code>)");
    assertThat(member(types, "fields").wit()).isEqualTo("resource");
    assertThat(member(types, "field-value").wit()).isEqualTo("list<u8>");
    assertThat(i.exports())
        .extracting(Item::name)
        .containsExactly("wasi:http/incoming-handler@0.2.12");
    assertThat(member(i.exports().get(0), "handle").wit())
        .isEqualTo("func(request: own<incoming-request>, response-out: own<response-outparam>)");
    assertThat(i.sections())
        .containsEntry("core module", 3)
        .containsEntry("component", 1)
        .containsKey("canon");
    assertThat(i.text())
        .contains("  import wasi:http/types@0.2.12: interface {\n")
        .contains("    fields: type resource\n");
  }

  @Test
  void everyWitValueKindIsRendered() throws IOException {
    for (String file : List.of("abi.wasm", "abi-utf16.wasm")) {
      Inspection i = ModuleInspector.inspect(read(COMPONENTS.resolve(file)));
      Item types = i.imports().get(0);
      assertThat(types.name()).isEqualTo("wasmlet:abi/types@0.1.0");
      assertThat(member(types, "everything").wit())
          .isEqualTo(
              "record { b: bool, u8v: u8, s8v: s8, u16v: u16, s16v: s16, u32v: u32, s32v: s32,"
                  + " u64v: u64, s64v: s64, f32v: f32, f64v: f64, c: char, s: string, bytes:"
                  + " list<u8>, points: list<point>, tup: tuple<u8, string, f64>, opt:"
                  + " option<string>, res: result<u32, string>, col: color, sh: shape, perms:"
                  + " permissions, nested: list<list<string>> }");
      assertThat(member(types, "shape").wit())
          .isEqualTo("variant { circle(f32), rect(point), nothing }");
      assertThat(member(types, "permissions").wit()).isEqualTo("flags { read, write, exec }");
      assertThat(member(types, "color").wit()).isEqualTo("enum { red, green, blue }");
      Item api =
          i.exports().stream()
              .filter(e -> e.name().equals("wasmlet:abi/api@0.1.0"))
              .findFirst()
              .orElseThrow();
      assertThat(member(api, "counter-total").wit())
          .isEqualTo("func(cs: list<borrow<counter>>) -> u32");
      assertThat(member(api, "fail-via-host").wit())
          .isEqualTo("func(code: u32) -> result<string, u32>");
      assertThat(member(api, "trap").wit()).isEqualTo("func()");
    }
  }

  @Test
  void aCoreModuleIsInspectedAsAModule() throws IOException {
    Inspection i = ModuleInspector.inspect(read(EXAMPLES.resolve("hello-c/hello.wasm")));
    assertThat(i.kind()).isEqualTo("module");
    assertThat(i.imports()).extracting(Item::name).contains("wasi_snapshot_preview1::fd_write");
    assertThat(i.exports()).extracting(Item::name).contains("_start", "memory");
    assertThat(ComponentParser.isComponent(read(EXAMPLES.resolve("hello-c/hello.wasm")))).isFalse();
  }

  @Test
  void aWrongHeaderNamesWhatIsWrongAndWhere() throws IOException {
    byte[] good = read(EXAMPLES.resolve("hello-component/hello.wasm"));
    assertThatThrownBy(() -> ModuleInspector.inspect("hello".getBytes()))
        .isInstanceOf(ComponentMalformed.class)
        .hasMessageContaining("\\0asm magic");
    byte[] version = good.clone();
    version[4] = 0x0c;
    assertThatThrownBy(() -> ComponentParser.inspect(version))
        .isInstanceOf(ComponentMalformed.class)
        .hasMessage(
            "component binary version 0xc is not supported; Wasmlet reads version 0x0d (the"
                + " component model's current encoding, as wasm-tools 1.2xx writes it) (at byte"
                + " offset 4)");
  }

  @Test
  void anUnknownSectionAndABadIndexAreReportedAtTheirOffsets() throws IOException {
    byte[] good = read(EXAMPLES.resolve("hello-component/hello.wasm"));
    byte[] section = good.clone();
    section[8] = 0x0d;
    assertThatThrownBy(() -> ComponentParser.inspect(section))
        .isInstanceOf(ComponentMalformed.class)
        .hasMessage("unknown component section id 0x0d (at byte offset 8)")
        .extracting(e -> ((ComponentMalformed) e).offset())
        .isEqualTo(8L);
    // A component whose only import names instance type 5, which does not exist.
    byte[] badIndex = {
      0, 'a', 's', 'm', 0x0d, 0, 1, 0, //
      10, 6, 1, 0, 1, 'x', 0x05, 5
    };
    assertThatThrownBy(() -> ComponentParser.inspect(badIndex))
        .isInstanceOf(ComponentMalformed.class)
        .hasMessage("type index 5 is out of bounds (0 defined so far) (at byte offset 14)");
  }

  @Test
  void aHostileCountCannotExhaustMemory() {
    // A type section claiming 2^32-1 types in a 5-byte body.
    byte[] hostile = {
      0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 5, (byte) 0xff, (byte) 0xff, -1, -1, 0x0f
    };
    assertThatThrownBy(() -> ComponentParser.inspect(hostile))
        .isInstanceOf(ComponentMalformed.class)
        .hasMessageContaining("type count: count 4294967295 exceeds the 0 bytes left");
  }

  @Test
  void everyTruncationAndEveryByteFlipIsEitherParsedOrRefusedCleanly() throws IOException {
    byte[] good = read(EXAMPLES.resolve("echo-component/echo.wasm"));
    for (int len = 0; len < good.length; len += 97) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> ModuleInspector.inspect(cut))
          .as("truncated to %d bytes", len)
          .isInstanceOf(ComponentMalformed.class);
    }
    Random random = new Random(42);
    int refused = 0;
    for (int n = 0; n < 3000; n++) {
      byte[] flipped = good.clone();
      flipped[8 + random.nextInt(good.length - 8)] ^= (byte) (1 << random.nextInt(8));
      try {
        ComponentParser.inspect(flipped);
      } catch (ComponentMalformed e) {
        assertThat(e.getMessage()).contains("(at byte offset ");
        refused++;
      }
    }
    // Most flips land in core module code, which this parser carries without reading.
    assertThat(refused).isPositive();
  }
}
