package dev.wasmlet.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.spin.SqliteDatabase;
import java.util.Base64;
import java.util.List;

/** The JSON of an SQLite statement's result, the same from the admin API and the CLI. */
public final class SqliteResultJson {
  private SqliteResultJson() {}

  /**
   * A statement's result as the API answers it: {@code columns}, {@code rows} (blobs as {@code
   * {"base64": ...}}), {@code changes} and {@code lastInsertRowid}; {@code wasmlet sqlite --local}
   * prints the same.
   */
  public static ObjectNode of(SqliteDatabase.Result r) {
    ObjectNode o = Json.object();
    ArrayNode columns = o.putArray("columns");
    r.columns().forEach(columns::add);
    ArrayNode rows = o.putArray("rows");
    for (List<Object> row : r.rows()) {
      ArrayNode a = rows.addArray();
      for (Object v : row) {
        switch (v) {
          case null -> a.addNull();
          case Long l -> a.add(l);
          case Double d -> a.add(d);
          case byte[] b -> a.addObject().put("base64", Base64.getEncoder().encodeToString(b));
          default -> a.add(v.toString());
        }
      }
    }
    o.put("changes", r.changes());
    o.put("lastInsertRowid", r.lastInsertRowid());
    return o;
  }
}
