package dev.wasmlet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.LimitsSpec;
import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.app.RouteOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment's {@code overrides} as JSON: {@code {"routes": [{"route": "/api/...", "component":
 * "api"}], "limits": {"maxMemory": "64MiB", "timeout": "5s", "maxRequestBody": "1MiB",
 * "maxResponse": "10MiB"}}}, each part optional. The shape is checked here; the values by the same
 * checks as a manifest's when the revision is locked.
 */
final class OverridesJson {
  private static final int MAX_ROUTES = 256;
  private static final Set<String> LIMITS =
      Set.of("maxMemory", "timeout", "maxRequestBody", "maxResponse");

  private OverridesJson() {}

  /** The overrides of a deploy body's {@code overrides} field; none when it is absent. */
  static ManifestOverrides read(JsonNode n) {
    if (n == null || n.isNull()) {
      return ManifestOverrides.none();
    }
    if (!n.isObject()) {
      throw ApiProblem.invalid(
          "\"overrides\" must be an object such as {\"routes\": [{\"route\": \"/api/...\"}],"
              + " \"limits\": {\"timeout\": \"5s\"}}");
    }
    for (var it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("routes") && !f.equals("limits")) {
        throw ApiProblem.invalid(
            "\"overrides\" has an unknown field \""
                + Sanitize.quote(f)
                + "\"; it takes \"routes\" and \"limits\"");
      }
    }
    List<RouteOverride> routes = new ArrayList<>();
    JsonNode r = n.get("routes");
    if (r != null && !r.isNull()) {
      if (!r.isArray() || r.size() > MAX_ROUTES) {
        throw ApiProblem.invalid(
            "\"overrides.routes\" must be a list of at most "
                + MAX_ROUTES
                + " objects such as {\"route\": \"/api/...\", \"component\": \"api\"}");
      }
      for (int i = 0; i < r.size(); i++) {
        JsonNode e = r.get(i);
        String where = "\"overrides.routes[" + i + "]";
        if (!e.isObject() || !e.path("route").isTextual()) {
          throw ApiProblem.invalid(where + "\" must be an object with a \"route\" string");
        }
        JsonNode c = e.get("component");
        if (c != null && !c.isNull() && !c.isTextual()) {
          throw ApiProblem.invalid(where + ".component\" must be a component id string");
        }
        routes.add(
            new RouteOverride(
                e.get("route").asText(),
                c == null || c.isNull() ? Optional.empty() : Optional.of(c.asText())));
      }
    }
    LimitsSpec limits = LimitsSpec.none();
    JsonNode l = n.get("limits");
    if (l != null && !l.isNull()) {
      if (!l.isObject()) {
        throw ApiProblem.invalid(
            "\"overrides.limits\" must be an object such as {\"maxMemory\": \"64MiB\"}");
      }
      for (var it = l.fields(); it.hasNext(); ) {
        var f = it.next();
        if (!LIMITS.contains(f.getKey()) || !f.getValue().isTextual()) {
          throw ApiProblem.invalid(
              "\"overrides.limits."
                  + Sanitize.quote(f.getKey())
                  + "\" is not a limit; give maxMemory, timeout, maxRequestBody or maxResponse as"
                  + " strings such as \"64MiB\" or \"5s\"");
        }
      }
      limits =
          new LimitsSpec(
              text(l, "maxMemory"),
              text(l, "timeout"),
              text(l, "maxRequestBody"),
              text(l, "maxResponse"));
    }
    return new ManifestOverrides(routes, limits);
  }

  /** The JSON of {@code o}, parts left out when empty: what the API shows and the store keeps. */
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

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
