package dev.wasmlet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.spin.AppData;
import dev.wasmlet.spin.KeyValueStore;
import dev.wasmlet.spin.SpinException;
import dev.wasmlet.spin.SqliteDatabase;
import dev.wasmlet.spin.SqliteFailed;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The operator's view of an app's key-value stores and SQLite databases ({@code wasmlet kv}, {@code
 * wasmlet sqlite}): the same files the app's components use. Labels are checked as the manifest
 * checks them before they name a file. SQL values travel as JSON: integers, reals, strings, null,
 * and blobs as {@code {"base64": "..."}}.
 */
final class AppDataApi {
  /** The longest a statement run by an operator may take. */
  static final int STATEMENT_SECONDS = 30;

  private AppDataApi() {}

  static KeyValueStore store(Control control, String app, String label) {
    return data(control, app, label).keyValue(label);
  }

  static SqliteDatabase database(Control control, String app, String label) {
    return data(control, app, label).sqlite(label);
  }

  private static AppData data(Control control, String app, String label) {
    if (label == null || !AppData.LABEL.matcher(label).matches()) {
      throw ApiProblem.invalid(
          "\""
              + Sanitize.quote(String.valueOf(label))
              + "\" is not a store or database label (lowercase letters, digits, '-' and '_')");
    }
    return control.appData(app);
  }

  static ObjectNode keys(KeyValueStore store) {
    ObjectNode o = Json.object();
    ArrayNode keys = o.putArray("keys");
    wrap(() -> store.keys()).forEach(keys::add);
    return o;
  }

  static byte[] value(KeyValueStore store, String key) {
    return wrap(() -> store.get(key))
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "store \"" + store.label() + "\" has no key \"" + Sanitize.quote(key) + "\""));
  }

  /** Runs {@code {"statement": ..., "parameters": [...]}}; answers {columns, rows}. */
  static ObjectNode execute(SqliteDatabase db, JsonNode body) {
    JsonNode statement = body.get("statement");
    if (statement == null || !statement.isTextual()) {
      throw ApiProblem.invalid("the body needs \"statement\": the SQL to run, a string");
    }
    List<Object> params = new ArrayList<>();
    for (JsonNode p : body.path("parameters")) {
      params.add(parameter(p));
    }
    SqliteDatabase.Result r;
    try {
      r = db.execute(statement.asText(), params, STATEMENT_SECONDS);
    } catch (SqliteFailed e) {
      throw new ApiProblem(400, "sql-failed", "the statement failed: " + e.getMessage());
    }
    return SqliteResultJson.of(r);
  }

  private static Object parameter(JsonNode p) {
    if (p.isNull()) {
      return null;
    }
    if (p.isIntegralNumber() && p.canConvertToLong()) {
      return p.asLong();
    }
    if (p.isNumber()) {
      return p.asDouble();
    }
    if (p.isTextual()) {
      return p.asText();
    }
    if (p.isObject() && p.path("base64").isTextual()) {
      try {
        return Base64.getDecoder().decode(p.path("base64").asText());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("a blob parameter's \"base64\" is not base64");
      }
    }
    throw ApiProblem.invalid(
        "a parameter is a number, a string, null or {\"base64\": \"...\"}, not " + p.getNodeType());
  }

  private interface Op<T> {
    T run();
  }

  private static <T> T wrap(Op<T> op) {
    try {
      return op.run();
    } catch (SpinException e) {
      throw new ApiProblem(500, "store-failed", e.getMessage());
    }
  }

  static Optional<String> key(Optional<String> key) {
    return key.filter(k -> !k.isEmpty());
  }
}
