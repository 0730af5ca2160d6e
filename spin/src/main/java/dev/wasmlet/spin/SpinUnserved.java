package dev.wasmlet.spin;

import dev.wasmlet.component.ComponentTrap;
import dev.wasmlet.component.HostFunc;
import dev.wasmlet.component.HostInterface;
import dev.wasmlet.component.Linker;
import dev.wasmlet.component.WitVariant;
import java.util.List;

/**
 * Spin's interfaces Wasmlet links but does not serve yet: Redis, MySQL, PostgreSQL (2.0.0, 3.0.0,
 * 4.0.0), MQTT and the LLM. Spin SDK apps import them all, so they must link for the app to start;
 * each call answers the error Spin gives for an address not allowed (Redis {@code invalid-address};
 * the others {@code connection-failed("address ... is not permitted")}) or, for the LLM, a model
 * not allowed ({@code model-not-supported}), since no connection or model can be configured in
 * Wasmlet yet. Methods of connections that can never be opened trap if called.
 */
final class SpinUnserved {
  private SpinUnserved() {}

  static void define(Linker linker) {
    linker.define(HostInterface.builder("fermyon:spin/rdbms-types@2.0.0").build());
    linker.define(
        HostInterface.builder("fermyon:spin/llm@2.0.0")
            .func("infer", (s, a) -> WitVariant.err(new WitVariant(0, null)))
            .func("generate-embeddings", (s, a) -> WitVariant.err(new WitVariant(0, null)))
            .build());
    linker.define(
        connections(
            "fermyon:spin/redis@2.0.0",
            (s, a) -> WitVariant.err(new WitVariant(0, null)), // invalid-address
            List.of(
                "publish", "get", "set", "incr", "del", "sadd", "smembers", "srem", "execute")));
    linker.define(
        connections(
            "fermyon:spin/mqtt@2.0.0",
            (s, a) -> WitVariant.err(new WitVariant(2, notPermitted("MQTT", a[0]))),
            List.of("publish")));
    for (String name :
        List.of(
            "fermyon:spin/mysql@2.0.0",
            "fermyon:spin/postgres@2.0.0",
            "spin:postgres/postgres@3.0.0",
            "spin:postgres/postgres@4.0.0")) {
      String what = name.contains("mysql") ? "MySQL" : "PostgreSQL";
      linker.define(
          connections(
              name,
              (s, a) -> WitVariant.err(new WitVariant(0, notPermitted(what, a[0]))),
              List.of("query", "execute")));
    }
  }

  private static String notPermitted(String what, Object address) {
    return "address "
        + address
        + " is not permitted (Wasmlet makes no outbound "
        + what
        + " connections yet)";
  }

  private static HostInterface connections(String name, HostFunc open, List<String> methods) {
    HostInterface.Builder b = HostInterface.builder(name).func("[static]connection.open", open);
    for (String m : methods) {
      b.func(
          "[method]connection." + m,
          (s, a) -> {
            throw new ComponentTrap(
                name + " connection." + m + " was called, but no connection can be opened here");
          });
    }
    return b.build();
  }
}
