package dev.wasmlet.spin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.component.Store;
import dev.wasmlet.component.WitVariant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spin's interfaces as a guest calls them (through the linker, with lifted values), against a real
 * app data directory: nothing the manifest does not grant, Spin's error values otherwise.
 */
class SpinHostTest {
  @TempDir Path tmp;
  private AppData data;
  private Store store;

  @BeforeEach
  void setUp() {
    data = AppData.at(tmp.resolve("app"));
    store =
        new Store()
            .attach(
                SpinContext.class,
                new SpinContext(
                    new SpinContext.Grant(
                        "web",
                        Map.of("api_url", "https://example.test", "token", "s3cret"),
                        Set.of("default"),
                        Set.of("default"),
                        data,
                        5)));
  }

  @AfterEach
  void tearDown() {
    data.close();
  }

  private Object call(String iface, String func, Object... args) {
    return SpinHost.linker()
        .resolve(iface)
        .orElseThrow(() -> new AssertionError("not linked: " + iface))
        .func(func)
        .call(store, args);
  }

  private static WitVariant err(Object result) {
    WitVariant r = (WitVariant) result;
    assertThat(r.caseIndex()).as("result is err").isEqualTo(1);
    return (WitVariant) r.payload();
  }

  private static Object ok(Object result) {
    WitVariant r = (WitVariant) result;
    assertThat(r.caseIndex()).as("result is ok: %s", r).isZero();
    return r.payload();
  }

  @Test
  void keyValueServesOnlyDeclaredStores() {
    String kv = "fermyon:spin/key-value@2.0.0";
    assertThat(err(call(kv, "[static]store.open", "other")).caseIndex()).isEqualTo(2); // denied
    Object st = ok(call(kv, "[static]store.open", "default"));
    ok(call(kv, "[method]store.set", st, "k", "v".getBytes(StandardCharsets.UTF_8)));
    Optional<?> got = (Optional<?>) ok(call(kv, "[method]store.get", st, "k"));
    assertThat((byte[]) got.orElseThrow()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    assertThat(ok(call(kv, "[method]store.exists", st, "k"))).isEqualTo(true);
    assertThat(ok(call(kv, "[method]store.get-keys", st))).isEqualTo(List.of("k"));

    // the same data through wasi:keyvalue
    String wasi = "wasi:keyvalue/store@0.2.0-draft2";
    assertThat(err(call(wasi, "open", "nope")).caseIndex()).isEqualTo(1); // access-denied
    Object bucket = ok(call(wasi, "open", "default"));
    assertThat(ok(call(wasi, "[method]bucket.exists", bucket, "k"))).isEqualTo(true);
    assertThat(ok(call("wasi:keyvalue/atomics@0.2.0-draft2", "increment", bucket, "n", 3L)))
        .isEqualTo(3L);
  }

  @Test
  void aRequestOpensAtMostTheTablesCapacity() {
    String kv = "fermyon:spin/key-value@2.0.0";
    for (int i = 0; i < SpinContext.MAX_OPEN; i++) {
      ok(call(kv, "[static]store.open", "default"));
    }
    assertThat(err(call(kv, "[static]store.open", "default")).caseIndex()).isZero(); // table full
  }

  @Test
  @SuppressWarnings("unchecked")
  void variablesAreTheComponentsWithSpinsNameRules() {
    String v = "fermyon:spin/variables@2.0.0";
    assertThat(ok(call(v, "get", "api_url"))).isEqualTo("https://example.test");
    WitVariant undefined = err(call(v, "get", "missing"));
    assertThat(undefined.caseIndex()).isEqualTo(1);
    assertThat((String) undefined.payload()).contains("web").contains("missing");
    for (String bad : List.of("Upper", "a__b", "trailing_", "9lives", "", "dash-ed")) {
      assertThat(err(call(v, "get", bad)).caseIndex()).as(bad).isZero(); // invalid-name
    }
    String config = "wasi:config/store@0.2.0-draft-2024-09-27";
    assertThat(ok(call(config, "get", "token"))).isEqualTo(Optional.of("s3cret"));
    assertThat(ok(call(config, "get", "Bad__Name"))).isEqualTo(Optional.empty());
    assertThat((List<Object>) ok(call(config, "get-all")))
        .containsExactlyInAnyOrder(
            List.of("api_url", "https://example.test"), List.of("token", "s3cret"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqliteRunsStatementsOnDeclaredDatabasesOnly() {
    String sql = "fermyon:spin/sqlite@2.0.0";
    assertThat(err(call(sql, "[static]connection.open", "other")).caseIndex()).isEqualTo(1);
    Object c = ok(call(sql, "[static]connection.open", "default"));
    ok(call(sql, "[method]connection.execute", c, "CREATE TABLE t(x, y)", List.of()));
    ok(
        call(
            sql,
            "[method]connection.execute",
            c,
            "INSERT INTO t VALUES (?, ?)",
            List.of(new WitVariant(0, 7L), new WitVariant(2, "seven"))));
    List<?> result =
        (List<?>) ok(call(sql, "[method]connection.execute", c, "SELECT * FROM t", List.of()));
    assertThat(result.get(0)).isEqualTo(List.of("x", "y"));
    List<Object> row = (List<Object>) ((List<?>) ((List<?>) result.get(1)).get(0)).get(0);
    assertThat(row).containsExactly(new WitVariant(0, 7L), new WitVariant(2, "seven"));
    WitVariant bad = err(call(sql, "[method]connection.execute", c, "NOT SQL", List.of()));
    assertThat(bad.caseIndex()).isEqualTo(4); // io(message)
    assertThat((String) bad.payload()).contains("syntax error");
    Object c3 = ok(call("spin:sqlite/sqlite@3.0.0", "[static]connection.open", "default"));
    ok(
        call(
            "spin:sqlite/sqlite@3.0.0",
            "[method]connection.execute",
            c3,
            "INSERT INTO t VALUES (1, 2)",
            List.of()));
    assertThat(call("spin:sqlite/sqlite@3.0.0", "[method]connection.last-insert-rowid", c3))
        .isEqualTo(2L);
    assertThat(call("spin:sqlite/sqlite@3.0.0", "[method]connection.changes", c3)).isEqualTo(1L);
  }

  @Test
  void unservedInterfacesAnswerSpinsErrors() {
    assertThat(
            err(call("fermyon:spin/redis@2.0.0", "[static]connection.open", "redis://x"))
                .caseIndex())
        .isZero(); // invalid-address
    WitVariant mysql =
        err(call("fermyon:spin/mysql@2.0.0", "[static]connection.open", "mysql://db"));
    assertThat(mysql.caseIndex()).isZero(); // connection-failed
    assertThat((String) mysql.payload()).contains("mysql://db is not permitted");
    assertThat(
            err(call(
                    "fermyon:spin/mqtt@2.0.0",
                    "[static]connection.open",
                    "mqtt://m",
                    "u",
                    "p",
                    30L))
                .caseIndex())
        .isEqualTo(2);
    assertThat(
            err(call("spin:postgres/postgres@4.0.0", "[static]connection.open", "x")).caseIndex())
        .isZero();
    assertThat(
            err(call("fermyon:spin/llm@2.0.0", "infer", "llama2-chat", "hi", Optional.empty()))
                .caseIndex())
        .isZero(); // model-not-supported
  }
}
