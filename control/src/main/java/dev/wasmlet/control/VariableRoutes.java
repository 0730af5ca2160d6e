package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.body;
import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.param;
import static dev.wasmlet.control.ApiExchange.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin API's variables and secrets, {@code /api/v1/apps/{app}/vars} and {@code .../secrets}: a
 * change answers with the rollout of the revision it made, if any. Secret values are never listed,
 * only their names and versions.
 */
final class VariableRoutes {
  private final Control control;

  VariableRoutes(Control control) {
    this.control = control;
  }

  void listVars(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    ObjectNode o = Json.object();
    ObjectNode vars = o.putObject("vars");
    control.variables().vars(app).forEach(vars::put);
    json(res, 200, o);
  }

  void setVar(ServerRequest req, ServerResponse res, boolean set) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    String name = Sanitize.variableName("variable", param(req, "name"));
    Optional<String> value = set ? Optional.of(value(req)) : Optional.empty();
    changed(res, control.setVariable(app, name, value));
  }

  void setSecret(ServerRequest req, ServerResponse res, boolean set) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    String name = Sanitize.variableName("secret", param(req, "name"));
    Optional<String> value = set ? Optional.of(value(req)) : Optional.empty();
    changed(res, control.setSecret(app, name, value));
  }

  private static String value(ServerRequest req) throws IOException {
    JsonNode v = body(req).get("value");
    if (v == null || !v.isTextual()) {
      throw ApiProblem.invalid("the body needs \"value\": a string");
    }
    String text = v.asText();
    if (text.length() > 64 * 1024) {
      throw new ApiProblem(413, "too-large", "a value may be at most 64 KiB");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired;
      if (Character.isHighSurrogate(c)) {
        paired = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (paired) {
          i++;
        }
      } else {
        paired = !Character.isLowSurrogate(c);
      }
      if (!paired) {
        // Stored as UTF-8, a lone surrogate would become '?': refuse rather than change the value.
        throw ApiProblem.invalid(
            "the value is not valid Unicode: it has a lone UTF-16 surrogate at character " + i);
      }
    }
    return text;
  }

  private static void changed(ServerResponse res, ValueChange change) {
    ObjectNode o = Json.object();
    o.put("changed", change.changed());
    Optional<Rollout> rollout = change.rollout();
    if (rollout.isPresent()) {
      o.set("rollout", ApiJson.rollout(rollout.get()));
    } else {
      o.putNull("rollout");
    }
    json(res, 200, o);
  }

  void listSecrets(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("secrets");
    for (VariableStore.SecretInfo s : control.variables().secrets(app)) {
      ObjectNode so = list.addObject();
      so.put("name", s.name());
      so.put("version", s.version());
      so.put("updatedAt", s.updatedAt().toString());
    }
    json(res, 200, o);
  }
}
