package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** argv as Spin's WAGI executor builds it (crates/trigger-http/src/wagi.rs). */
class WagiConfigTest {

  @Test
  void withoutAQueryArgvIsThePathAndOneEmptyArgument() {
    assertThat(WagiConfig.defaults().argv("/hello", "")).containsExactly("/hello", "");
    assertThat(WagiConfig.defaults().entrypoint()).isEqualTo("_start");
  }

  @Test
  void eachAmpersandOfTheRawQueryStartsAnArgumentAndNothingIsDecoded() {
    assertThat(WagiConfig.defaults().argv("/api/x%20y", "a=1&b&&c=x%20y+z"))
        .containsExactly("/api/x%20y", "a=1", "b", "", "c=x%20y+z");
  }

  @Test
  void spinsOwnTestCase() {
    // tests/integration.rs test_wagi_http: GET /assert-args?x=y expects ["/assert-args", "x=y"]
    assertThat(WagiConfig.defaults().argv("/assert-args", "x=y"))
        .containsExactly("/assert-args", "x=y");
  }

  @Test
  void aCustomTemplateKeepsItsLiteralWordsInOrder() {
    WagiConfig config = WagiConfig.of("main", "tool --script=${SCRIPT_NAME} ${ARGS} --end");

    assertThat(config.argv("/x", "q=1")).containsExactly("tool", "--script=/x", "q=1", "--end");
    assertThat(config.entrypoint()).isEqualTo("main");
  }

  @Test
  void argsInsideAWordSplitThatWordAsSpinDoes() {
    assertThat(WagiConfig.of("_start", "--args=${ARGS}").argv("/x", "a&b"))
        .containsExactly("--args=a", "b");
  }

  @Test
  void spacesInTheTemplateAreKeptAsEmptyArguments() {
    assertThat(WagiConfig.of("_start", "a  b").argv("/x", "")).containsExactly("a", "", "b");
  }
}
