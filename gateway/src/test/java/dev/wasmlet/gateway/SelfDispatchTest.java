package dev.wasmlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.component.HttpExchange;
import dev.wasmlet.component.SelfHandler;
import dev.wasmlet.component.SelfLoopDetected;
import dev.wasmlet.engine.Engine;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest's requests to its own app, served in process by {@link SelfDispatch}: through the app's
 * routes and prefix, with Spin's headers of the app's origin, the component's limits and the
 * gateway's generic error answers, counted like any request, and never more than {@value
 * SelfDispatch#MAX_DEPTH} chained.
 */
class SelfDispatchTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;
  private final Engine engine = Engine.builder().build();
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final GatewayEvents events =
      new GatewayEvents() {
        @Override
        public void requestDone(String a, int rev, int status, long nanos, Outcome outcome) {
          outcomes.add(outcome);
        }
      };
  private ServedRevision revision;

  /** The client's request that begins each chain: it was sent to http://app.test:3000. */
  private final HttpExchange origin =
      new HttpExchange() {
        @Override
        public String method() {
          return "GET";
        }

        @Override
        public String pathWithQuery() {
          return "/";
        }

        @Override
        public String scheme() {
          return "http";
        }

        @Override
        public String authority() {
          return "app.test:3000";
        }

        @Override
        public List<Map.Entry<String, byte[]>> headers() {
          return List.of();
        }

        @Override
        public InputStream body() {
          return InputStream.nullInputStream();
        }

        @Override
        public OutputStream respond(int status, List<Map.Entry<String, byte[]>> headers) {
          return OutputStream.nullOutputStream();
        }
      };

  /** The echo component (wasi:http, /echo/...) beside a WAGI route (/ok) in one app. */
  @BeforeEach
  void serve() throws Exception {
    Files.copy(EXAMPLES.resolve("echo-component/echo.wasm"), dir.resolve("echo.wasm"));
    Files.copy(EXAMPLES.resolve("misbehave/ok.wasm"), dir.resolve("ok.wasm"));
    Files.writeString(
        dir.resolve("wasmlet.toml"),
        """
        wasmlet_manifest_version = 1
        [application]
        name = "selfish"
        [[trigger.http]]
        route = "/echo/..."
        component = "echo"
        [[trigger.http]]
        route = "/ok"
        component = "ok"
        executor = { type = "wagi" }
        [component.echo]
        source = "echo.wasm"
        [component.echo.limits]
        max_request_body = "1KiB"
        [component.ok]
        source = "ok.wasm"
        """);
    LockedApp locked = Manifests.lock(dir);
    revision = new ServedRevision(locked.name(), 3, ServedApp.load(engine, locked));
  }

  @AfterEach
  void stop() {
    revision.served().close();
    engine.close();
  }

  private SelfDispatch root(AppRouting routing) {
    return SelfDispatch.of(revision, routing, origin, events, "rid");
  }

  private static SelfHandler.Request get(String path) {
    return new SelfHandler.Request("GET", "http", path, List.of(), new byte[0]);
  }

  private static String text(SelfHandler.Response r) throws Exception {
    return new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aSelfRequestRunsTheRoutesComponentWithTheOriginsSpinHeaders() throws Exception {
    SelfHandler.Response r =
        root(AppRouting.everything())
            .handle(
                new SelfHandler.Request(
                    "POST",
                    "http",
                    "/echo/items?x=1",
                    List.of(
                        Map.entry("x-echo-a", "first".getBytes(StandardCharsets.UTF_8)),
                        Map.entry("spin-full-url", "forged".getBytes(StandardCharsets.UTF_8)),
                        Map.entry("host", "evil.test".getBytes(StandardCharsets.UTF_8))),
                    "hello body".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers())
        .anySatisfy(h -> assertThat(h.getKey()).isEqualTo("content-type"))
        .anySatisfy(
            h -> {
              assertThat(h.getKey()).isEqualTo("content-length");
              assertThat(new String(h.getValue(), StandardCharsets.UTF_8)).matches("[0-9]+");
            });
    assertThat(text(r))
        .contains("{\"method\":\"POST\",")
        .contains("\"path_with_query\":\"/echo/items?x=1\"")
        .contains("[\"x-echo-a\",\"first\"]")
        .contains("[\"host\",\"app.test:3000\"]")
        .contains("[\"spin-full-url\",\"http://app.test:3000/echo/items?x=1\"]")
        .contains("[\"spin-matched-route\",\"/echo/...\"]")
        .doesNotContain("forged")
        .doesNotContain("evil.test")
        .contains("\"body_length\":10,\"body\":\"hello body\"}");
    assertThat(outcomes).containsExactly(Outcome.ANSWERED);
    assertThat(revision.stats().snapshot().requests()).isEqualTo(1);
  }

  @Test
  void aWagiRouteAnswersASelfRequestToo() throws Exception {
    SelfHandler.Response r = root(AppRouting.everything()).handle(get("/ok"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(text(r)).isEqualTo("ok");
  }

  @Test
  void theAppsPrefixIsRoutedAsForAClientAndOtherPathsAreNotFound() throws Exception {
    SelfDispatch self = root(new AppRouting(List.of(), "/shop"));
    assertThat(text(self.handle(get("/shop/echo/a"))))
        .contains("\"path_with_query\":\"/shop/echo/a\"");
    SelfHandler.Response elsewhere = self.handle(get("/echo/a"));
    assertThat(elsewhere.status()).as("outside the app's prefix").isEqualTo(404);
    assertThat(text(elsewhere)).isEqualTo("404 Not Found\nrequest id: rid-self1\n");
    assertThat(self.handle(get("/shop/nope")).status()).isEqualTo(404);
    assertThat(outcomes).containsExactly(Outcome.ANSWERED, Outcome.REJECTED, Outcome.REJECTED);
  }

  @Test
  void dotSegmentsEncodedFormsAndForeignHostsNeverLeaveTheAppsRoutes() throws Exception {
    SelfDispatch self = root(new AppRouting(List.of(), "/shop"));
    for (String hostile :
        List.of(
            "/shop/../echo/a",
            "/shop/%2e%2e/echo/a",
            "/../shop/echo/a",
            "//evil.test/shop/echo/a",
            "http://evil.test/shop/echo/a",
            "/etc/passwd",
            "shop/echo/a")) {
      assertThat(self.handle(get(hostile)).status()).as(hostile).isEqualTo(404);
    }
    // a dot segment inside a wildcard route stays that route's, literally, as for a client: it
    // never reaches /ok through the path
    SelfHandler.Response literal = self.handle(get("/shop/echo/../ok"));
    assertThat(literal.status()).isEqualTo(200);
    assertThat(text(literal)).contains("\"path_with_query\":\"/shop/echo/../ok\"");
  }

  @Test
  void theComponentsLimitsAndErrorAnswersApply() throws Exception {
    SelfDispatch self = root(AppRouting.everything());
    SelfHandler.Response big =
        self.handle(new SelfHandler.Request("PUT", "http", "/echo/big", List.of(), new byte[2048]));
    assertThat(big.status()).as("over max_request_body").isEqualTo(413);
    SelfHandler.Response trap = self.handle(get("/echo/t?trap=1"));
    assertThat(trap.status()).isEqualTo(500);
    assertThat(text(trap)).isEqualTo("500 Internal Server Error\nrequest id: rid-self1\n");
    assertThat(outcomes).containsExactly(Outcome.REJECTED, Outcome.TRAP);
  }

  @Test
  void atMostEightSelfRequestsAreChainedAndTheNinthIsALoop() throws Exception {
    SelfDispatch deepest = root(AppRouting.everything());
    for (int i = 1; i < SelfDispatch.MAX_DEPTH; i++) {
      deepest = deepest.next();
    }
    assertThat(deepest.handle(get("/ok")).status()).as("the 8th in a chain").isEqualTo(200);
    SelfDispatch tooDeep = deepest.next();
    assertThatThrownBy(() -> tooDeep.handle(get("/ok")))
        .isInstanceOf(SelfLoopDetected.class)
        .hasMessage("self request to /ok refused: at most 8 self requests may be chained");
    assertThat(outcomes).as("a refused one runs nothing").hasSize(1);
  }
}
