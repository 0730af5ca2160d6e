package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed C wasi:http components served through the executor, request by request. */
class WasiHttpServeTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final int PAGES = 256;
  private static final long CAP = 1 << 20;
  private static Linker linker;

  @BeforeAll
  static void host() {
    linker = new Linker();
    WasiIo.define(linker);
    WasiHttp.define(linker);
  }

  private static LoadedComponent load(String example, String file) throws Exception {
    return LoadedComponent.load(
        file, Files.readAllBytes(EXAMPLES.resolve(example).resolve(file)), linker);
  }

  private static WasiHttp.Outcome serve(LoadedComponent c, TestExchange ex) {
    return WasiHttp.serve(c, new Store(), ex, PAGES, CAP);
  }

  @Test
  void helloAnswers() throws Exception {
    LoadedComponent c = load("hello-component", "hello.wasm");
    TestExchange ex = new TestExchange("GET", "/", "");
    WasiHttp.Outcome o = serve(c, ex);
    assertThat(o.failure()).isNull();
    assertThat(ex.status).isEqualTo(200);
    assertThat(ex.text()).contains("Hello");
    assertThat(ex.closed).isTrue();
  }

  @Test
  void echoSeesMethodPathHeadersAndBody() throws Exception {
    LoadedComponent c = load("echo-component", "echo.wasm");
    TestExchange ex =
        new TestExchange("POST", "/things?x=1", "payload \u00e9").header("x-test", "yes");
    WasiHttp.Outcome o = serve(c, ex);
    assertThat(o.failure()).isNull();
    assertThat(ex.status).isEqualTo(200);
    assertThat(ex.text())
        .contains("\"method\":\"POST\"")
        .contains("/things?x=1")
        .contains("x-test")
        .contains("payload \u00e9");
  }

  @Test
  void echoStatusAndStreaming() throws Exception {
    LoadedComponent c = load("echo-component", "echo.wasm");
    TestExchange ex = new TestExchange("GET", "/?status=418", "");
    serve(c, ex);
    assertThat(ex.status).isEqualTo(418);
    TestExchange stream = new TestExchange("GET", "/?stream=3", "");
    assertThat(serve(c, stream).failure()).isNull();
    assertThat(stream.status).isEqualTo(200);
    assertThat(stream.text()).isNotEmpty();
  }

  @Test
  void trapAndMissingResponseAreFailuresNotExceptions() throws Exception {
    LoadedComponent c = load("echo-component", "echo.wasm");
    TestExchange trap = new TestExchange("GET", "/?trap=1", "");
    WasiHttp.Outcome o = serve(c, trap);
    assertThat(o.responded()).isFalse();
    assertThat(o.status()).isEqualTo(500);
    assertThat(o.failure()).isNotBlank();
    TestExchange none = new TestExchange("GET", "/?noresponse=1", "");
    WasiHttp.Outcome n = serve(c, none);
    assertThat(n.responded()).isFalse();
    assertThat(n.failure()).contains("without setting a response");
    // the component still serves after both
    TestExchange ok = new TestExchange("GET", "/", "");
    assertThat(serve(c, ok).failure()).isNull();
    assertThat(ok.status).isEqualTo(200);
  }

  @Test
  void aBodyCutAtTheResponseCapIsAFailureEvenIfTheGuestFinishesIt() throws Exception {
    LoadedComponent c = load("echo-component", "echo.wasm");
    TestExchange ex = new TestExchange("GET", "/?stream=8", "");
    WasiHttp.Outcome o = WasiHttp.serve(c, new Store(), ex, PAGES, 3000);
    assertThat(o.responded()).isTrue();
    assertThat(o.failure()).contains("over its limit of 3000 bytes");
    assertThat(ex.responseBody.size()).isLessThanOrEqualTo(3000);
    TestExchange whole = new TestExchange("GET", "/?stream=2", "");
    assertThat(WasiHttp.serve(c, new Store(), whole, PAGES, 3000).failure()).isNull();
    assertThat(whole.text()).hasSize(2048);
  }

  @Test
  void everyRequestGetsAFreshInstance() throws Exception {
    // the first request records the memory image, later ones get memories reset to it, and an
    // instance is kept for reuse once its memories came from the image
    LoadedComponent c = load("counter-component", "counter.wasm");
    for (int i = 0; i < 5; i++) {
      TestExchange ex = new TestExchange("GET", "/", "");
      assertThat(serve(c, ex).failure()).isNull();
      assertThat(ex.text()).contains("count=1");
    }
    // from the third request on, the same instance, reset, served (InstanceReuseTest)
    assertThat(c.keptInstances()).isEqualTo(1);
  }

  @Test
  void missingHostInterfaceStopsTheLoadWithItsName() throws Exception {
    Linker bare = new Linker();
    WasiIo.define(bare);
    byte[] bytes = Files.readAllBytes(EXAMPLES.resolve("echo-component/echo.wasm"));
    assertThatThrownBy(() -> LoadedComponent.load("echo.wasm", bytes, bare))
        .isInstanceOf(ComponentException.class)
        .hasMessageContaining("echo.wasm")
        .hasMessageContaining("wasi:http/types@0.2.12");
  }

  @Test
  void corruptedComponentsFailWithComponentExceptionsOrStillServe() throws Exception {
    byte[] good = Files.readAllBytes(EXAMPLES.resolve("hello-component/hello.wasm"));
    java.util.Random random = new java.util.Random(11);
    int refused = 0;
    for (int i = 0; i < 200; i++) {
      byte[] bad = good.clone();
      int at = random.nextInt(bad.length);
      bad[at] = (byte) (bad[at] ^ (1 << random.nextInt(8)));
      LoadedComponent c;
      try {
        c = LoadedComponent.load("flip-" + at, bad, linker);
      } catch (ComponentException e) {
        assertThat(e.getMessage()).startsWith("flip-" + at);
        refused++;
        continue;
      }
      // loaded: a request either succeeds or ends as a failure outcome, never an exception
      WasiHttp.Outcome o = serve(c, new TestExchange("GET", "/", ""));
      assertThat(o.status()).isBetween(100, 999);
    }
    assertThat(refused).isPositive();
  }
}
