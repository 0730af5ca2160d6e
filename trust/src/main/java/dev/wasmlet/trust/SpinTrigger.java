package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One trigger of a Spin locked app written as a {@code [[trigger.http]]} of a {@code wasmlet.toml}:
 * its id, route (or {@code { private = true }}), component and executor. Spin's executor types
 * {@code http} (spelled {@code spin} too, and the default when none is given) become {@code type =
 * "spin"}, which the manifest names as Spin's component-model executor; {@code wagi} keeps its
 * {@code argv} and {@code entrypoint}. Static responses, middleware and other trigger types are
 * refused.
 */
final class SpinTrigger {
  private static final Set<String> CONFIG_KEYS = Set.of("component", "route", "executor");

  private SpinTrigger() {}

  static void write(SpinLayout layout, JsonNode trigger, String at) {
    Map<String, JsonNode> t = layout.json().fields(trigger, at);
    String id = layout.json().text(t, "id", at + ".id").orElse("");
    String where = id.isEmpty() ? at : at + " (\"" + id + "\")";
    String type = layout.json().text(t, "trigger_type", where + ".trigger_type").orElse("");
    if (!type.equals("http")) {
      throw layout
          .json()
          .fail(
              where + ".trigger_type",
              SpinToml.str(type)
                  + " is not supported; Wasmlet serves only http triggers, so the artifact is refused");
    }
    if (!layout
        .json()
        .fields(t.get("trigger_dependencies"), where + ".trigger_dependencies")
        .isEmpty()) {
      throw layout
          .json()
          .fail(where + ".trigger_dependencies", "middleware " + SpinLayout.UNEXPRESSIBLE);
    }
    String cfgAt = where + ".trigger_config";
    Map<String, JsonNode> cfg = layout.json().fields(t.get("trigger_config"), cfgAt);
    for (String key : cfg.keySet()) {
      if (!CONFIG_KEYS.contains(key)) {
        throw layout.json().fail(cfgAt + "." + key, SpinLayout.UNEXPRESSIBLE);
      }
    }
    String component =
        layout
            .json()
            .text(cfg, "component", cfgAt + ".component")
            .orElseThrow(
                () ->
                    layout
                        .json()
                        .fail(
                            cfgAt,
                            "there is no component; a static response or inline component is refused"));
    SpinToml toml = layout.toml();
    toml.header("[[trigger.http]]");
    if (!id.isEmpty()) {
      toml.string("id", id);
    }
    toml.raw("route", route(layout, cfg.get("route"), cfgAt + ".route"));
    toml.string("component", component);
    toml.raw("executor", executor(layout, cfg.get("executor"), cfgAt + ".executor"));
  }

  private static String route(SpinLayout layout, JsonNode route, String where) {
    if (route != null && route.isTextual()) {
      return SpinToml.str(route.asText());
    }
    Map<String, JsonNode> r = layout.json().fields(route, where);
    JsonNode priv = r.get("private");
    if (route == null || r.size() != 1 || priv == null || !priv.asBoolean(false)) {
      throw layout
          .json()
          .fail(where, "must be a route string or { \"private\": true }; the artifact is refused");
    }
    return "{ private = true }";
  }

  private static String executor(SpinLayout layout, JsonNode executor, String where) {
    Map<String, JsonNode> e = layout.json().fields(executor, where);
    String type = layout.json().text(e, "type", where + ".type").orElse(e.isEmpty() ? "http" : "");
    List<String> entries = new ArrayList<>();
    switch (type) {
      case "http", "spin" -> {
        if (e.size() > 1) {
          throw layout
              .json()
              .fail(where, "of type \"" + type + "\" takes no other keys; the artifact is refused");
        }
        entries.add("type = \"spin\"");
      }
      case "wagi" -> {
        entries.add("type = \"wagi\"");
        for (String key : e.keySet()) {
          if (!Set.of("type", "argv", "entrypoint").contains(key)) {
            throw layout.json().fail(where + "." + key, SpinLayout.UNEXPRESSIBLE);
          }
        }
        Optional<String> argv = layout.json().text(e, "argv", where + ".argv");
        argv.ifPresent(a -> entries.add("argv = " + SpinToml.str(a)));
        Optional<String> entrypoint = layout.json().text(e, "entrypoint", where + ".entrypoint");
        entrypoint.ifPresent(p -> entries.add("entrypoint = " + SpinToml.str(p)));
      }
      default ->
          throw layout
              .json()
              .fail(
                  where + ".type",
                  SpinToml.str(type)
                      + " is not a Spin HTTP executor (\"http\", \"spin\" or \"wagi\"); the artifact is"
                      + " refused");
    }
    return SpinToml.inline(entries);
  }
}
