package dev.wasmlet.spin;

import dev.wasmlet.component.HostInterface;
import dev.wasmlet.component.Linker;
import dev.wasmlet.component.Store;
import dev.wasmlet.component.WitVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The component's variables for Spin SDK apps: {@code fermyon:spin/variables@2.0.0} and {@code
 * wasi:config/store@0.2.0-draft-2024-09-27}, both reading the values the manifest's component
 * {@code variables} rendered (so a secret reaches only the component it was given to). Names are
 * checked as Spin checks them ({@code invalid-name}); an unknown one is {@code undefined}, which
 * wasi:config answers with none.
 */
final class SpinVariables {
  private SpinVariables() {}

  // fermyon:spin/variables error cases, in WIT order
  private static final int INVALID_NAME = 0;
  private static final int UNDEFINED = 1;

  static void define(Linker linker) {
    linker.define(
        HostInterface.builder("fermyon:spin/variables@2.0.0")
            .func("get", (s, a) -> get(s, (String) a[0]))
            .build());
    linker.define(
        HostInterface.builder("wasi:config/store@0.2.0-draft-2024-09-27")
            .func(
                "get",
                (s, a) ->
                    WitVariant.ok(
                        invalid((String) a[0]).isPresent()
                            ? Optional.empty()
                            : s.get(SpinContext.class).variable((String) a[0])))
            .func("get-all", (s, a) -> WitVariant.ok(all(s)))
            .build());
  }

  private static WitVariant get(Store s, String name) {
    Optional<String> bad = invalid(name);
    if (bad.isPresent()) {
      return WitVariant.err(new WitVariant(INVALID_NAME, "\"" + name + "\": " + bad.get()));
    }
    SpinContext ctx = s.get(SpinContext.class);
    return ctx.variable(name)
        .map(WitVariant::ok)
        .orElseGet(
            () ->
                WitVariant.err(
                    new WitVariant(
                        UNDEFINED,
                        "no variable for \"" + ctx.component() + "\".\"" + name + "\"")));
  }

  private static List<Object> all(Store s) {
    List<Object> out = new ArrayList<>();
    s.get(SpinContext.class).variables().forEach((k, v) -> out.add(List.of(k, v)));
    return out;
  }

  /** Why {@code name} is not a variable name, as Spin says it; empty when it is one. */
  static Optional<String> invalid(String name) {
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    for (char c : name.toCharArray()) {
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return Optional.of(
            "invalid character '"
                + c
                + "'. Variable names may contain only lower-case letters, numbers, and"
                + " underscores.");
      }
    }
    char first = name.charAt(0);
    char last = name.charAt(name.length() - 1);
    if (!(first >= 'a' && first <= 'z')) {
      return Optional.of("must start with a lowercase ASCII letter");
    }
    if (last == '_') {
      return Optional.of("must end with a lowercase ASCII letter or digit");
    }
    if (name.contains("__")) {
      return Optional.of("must not contain multiple consecutive underscores");
    }
    return Optional.empty();
  }
}
