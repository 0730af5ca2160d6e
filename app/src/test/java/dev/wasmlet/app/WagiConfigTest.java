package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WagiConfigTest {

  @Test
  void defaultArgvIsTheScriptNameAlone() {
    assertThat(WagiConfig.defaults().argv("/hello", "")).containsExactly("/hello");
    assertThat(WagiConfig.defaults().entrypoint()).isEqualTo("_start");
  }

  @Test
  void argsBecomeOneArgumentPerQueryPart() {
    assertThat(WagiConfig.defaults().argv("/api", "a=1&b&&c=x%20y"))
        .containsExactly("/api", "a=1", "b", "c=x%20y");
  }

  @Test
  void aCustomTemplateKeepsItsLiteralWordsInOrder() {
    WagiConfig config = WagiConfig.of("main", "tool --script=${SCRIPT_NAME} ${ARGS} --end");

    assertThat(config.argv("/x", "q=1")).containsExactly("tool", "--script=/x", "q=1", "--end");
    assertThat(config.entrypoint()).isEqualTo("main");
  }

  @Test
  void argsInsideAWordAreJoinedBySpaces() {
    assertThat(WagiConfig.of("_start", "--args=${ARGS}").argv("/x", "a&b"))
        .containsExactly("--args=a b");
  }
}
