package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.LimitsSpec;
import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.app.RouteOverride;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's routes and limits over its manifest's, in the admin API's JSON: {@code {"routes":
 * [{"route", "component"}], "limits": {"maxMemory", "timeout", "maxRequestBody", "maxResponse"}}}.
 */
final class OverridesJson {
  private OverridesJson() {}

  static ObjectNode write(ManifestOverrides o) {
    ObjectNode n = Json.object();
    if (!o.routes().isEmpty()) {
      ArrayNode routes = n.putArray("routes");
      for (RouteOverride r : o.routes()) {
        ObjectNode e = routes.addObject();
        e.put("route", r.route());
        r.component().ifPresent(c -> e.put("component", c));
      }
    }
    LimitsSpec l = o.limits();
    if (!l.equals(LimitsSpec.none())) {
      ObjectNode e = n.putObject("limits");
      l.maxMemory().ifPresent(v -> e.put("maxMemory", v));
      l.timeout().ifPresent(v -> e.put("timeout", v));
      l.maxRequestBody().ifPresent(v -> e.put("maxRequestBody", v));
      l.maxResponse().ifPresent(v -> e.put("maxResponse", v));
    }
    return n;
  }

  /** What a server reported; none when the field is absent (a revision without overrides). */
  static ManifestOverrides read(JsonNode n) {
    if (n == null || !n.isObject()) {
      return ManifestOverrides.none();
    }
    List<RouteOverride> routes = new ArrayList<>();
    n.path("routes")
        .forEach(
            r ->
                routes.add(
                    new RouteOverride(
                        r.path("route").asText(), Json.optionalText(r, "component"))));
    JsonNode l = n.path("limits");
    return new ManifestOverrides(
        routes,
        new LimitsSpec(
            Json.optionalText(l, "maxMemory"),
            Json.optionalText(l, "timeout"),
            Json.optionalText(l, "maxRequestBody"),
            Json.optionalText(l, "maxResponse")));
  }
}
