package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.body;
import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.param;
import static dev.wasmlet.control.ApiExchange.raw;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The admin API's view of an app's data ({@code wasmlet kv}, {@code wasmlet sqlite}): key-value
 * stores at {@code /api/v1/apps/{app}/key-value/{store}} and SQLite databases at {@code
 * .../sqlite/{database}}; {@link AppDataApi} does the work.
 */
final class AppDataRoutes {
  /** The largest value {@code wasmlet kv set} may send. */
  private static final int MAX_VALUE = 16 << 20;

  private final Control control;

  AppDataRoutes(Control control) {
    this.control = control;
  }

  private dev.wasmlet.spin.KeyValueStore kvStore(ServerRequest req) {
    return AppDataApi.store(control, Sanitize.appName(param(req, "app")), param(req, "store"));
  }

  private static String kvKey(ServerRequest req) {
    return AppDataApi.key(req.query().first("key").asOptional())
        .orElseThrow(() -> ApiProblem.invalid("name the key: ?key=KEY"));
  }

  /** Without {@code ?key=}: every key; with it: the value, as bytes. */
  void keyValueGet(ServerRequest req, ServerResponse res) {
    var store = kvStore(req);
    Optional<String> key = AppDataApi.key(req.query().first("key").asOptional());
    if (key.isEmpty()) {
      json(res, 200, AppDataApi.keys(store));
    } else {
      raw(res, 200, "application/octet-stream", AppDataApi.value(store, key.get()));
    }
  }

  void keyValuePut(ServerRequest req, ServerResponse res) throws IOException {
    var store = kvStore(req);
    String key = kvKey(req);
    byte[] value;
    try (InputStream in = req.content().inputStream()) {
      value = in.readNBytes(MAX_VALUE + 1);
    }
    if (value.length > MAX_VALUE) {
      throw new ApiProblem(413, "too-large", "a value set here may be at most 16 MiB");
    }
    store.set(key, value);
    res.status(Status.NO_CONTENT_204).send();
  }

  void keyValueDelete(ServerRequest req, ServerResponse res) {
    kvStore(req).delete(kvKey(req));
    res.status(Status.NO_CONTENT_204).send();
  }

  void sqliteExecute(ServerRequest req, ServerResponse res) throws IOException {
    var db =
        AppDataApi.database(control, Sanitize.appName(param(req, "app")), param(req, "database"));
    json(res, 200, AppDataApi.execute(db, body(req)));
  }
}
