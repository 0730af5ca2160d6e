package dev.wasmlet.spin;

import dev.wasmlet.component.HostInterface;
import dev.wasmlet.component.HostResource;
import dev.wasmlet.component.Linker;
import dev.wasmlet.component.Store;
import dev.wasmlet.component.WitVariant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite for Spin SDK apps: {@code fermyon:spin/sqlite@2.0.0} and {@code spin:sqlite/sqlite@3.0.0}
 * over the app's {@link SqliteDatabase}s. A label the component's {@code sqlite_databases} does not
 * list is {@code access-denied}; a full database {@code database-full}; any other failure {@code
 * io(message)}. Values: {@code integer(s64)}, {@code real(f64)}, {@code text}, {@code blob}, {@code
 * null}, in both directions.
 */
final class SpinSqlite {
  private SpinSqlite() {}

  // error cases, in WIT order (the same in 2.0.0 and 3.0.0)
  private static final int ACCESS_DENIED = 1;
  private static final int INVALID_CONNECTION = 2;
  private static final int DATABASE_FULL = 3;
  private static final int IO = 4;
  // value cases
  private static final int INTEGER = 0;
  private static final int REAL = 1;
  private static final int TEXT = 2;
  private static final int BLOB = 3;
  private static final int NULL = 4;

  /** An open connection: the guest's own handle, with what its last statement did. */
  static final class Connection implements HostResource {
    final SqliteDatabase db;
    long lastInsertRowid;
    long changes;

    Connection(SqliteDatabase db) {
      this.db = db;
    }

    @Override
    public void dropped(Store s) {
      s.get(SpinContext.class).closed();
    }
  }

  static void define(Linker linker) {
    for (String name : List.of("fermyon:spin/sqlite@2.0.0", "spin:sqlite/sqlite@3.0.0")) {
      HostInterface.Builder b =
          HostInterface.builder(name)
              .func("[static]connection.open", (s, a) -> open(s, (String) a[0]))
              .func(
                  "[method]connection.execute",
                  (s, a) -> execute(s, (Connection) a[0], (String) a[1], (List<?>) a[2]));
      if (name.startsWith("spin:")) {
        b.func(
                "[method]connection.last-insert-rowid",
                (s, a) -> ((Connection) a[0]).lastInsertRowid)
            .func("[method]connection.changes", (s, a) -> ((Connection) a[0]).changes);
      }
      linker.define(b.build());
    }
  }

  private static Object open(Store s, String label) {
    SpinContext ctx = s.get(SpinContext.class);
    if (!ctx.mayUseSqlite(label)) {
      return WitVariant.err(new WitVariant(ACCESS_DENIED, null));
    }
    if (!ctx.open()) {
      return WitVariant.err(new WitVariant(INVALID_CONNECTION, null));
    }
    try {
      return WitVariant.ok(new Connection(ctx.data().sqlite(label)));
    } catch (SpinException e) {
      ctx.closed();
      return WitVariant.err(new WitVariant(IO, e.getMessage()));
    }
  }

  private static Object execute(Store s, Connection c, String sql, List<?> params) {
    List<Object> values = new ArrayList<>();
    for (Object p : params) {
      WitVariant v = (WitVariant) p;
      values.add(
          switch (v.caseIndex()) {
            case INTEGER, REAL, TEXT, BLOB -> v.payload();
            default -> null;
          });
    }
    try {
      SqliteDatabase.Result r =
          c.db.execute(sql, values, s.get(SpinContext.class).statementTimeoutSeconds());
      c.lastInsertRowid = r.lastInsertRowid();
      c.changes = r.changes();
      List<Object> rows = new ArrayList<>();
      for (List<Object> row : r.rows()) {
        List<Object> lifted = new ArrayList<>();
        row.forEach(v -> lifted.add(value(v)));
        rows.add(List.of(lifted)); // row-result { values }
      }
      return WitVariant.ok(List.of(r.columns(), rows)); // query-result { columns, rows }
    } catch (SqliteFailed e) {
      return WitVariant.err(
          e.full() ? new WitVariant(DATABASE_FULL, null) : new WitVariant(IO, e.getMessage()));
    }
  }

  private static WitVariant value(Object v) {
    return switch (v) {
      case null -> new WitVariant(NULL, null);
      case Long l -> new WitVariant(INTEGER, l);
      case Double d -> new WitVariant(REAL, d);
      case String t -> new WitVariant(TEXT, t);
      case byte[] b -> new WitVariant(BLOB, b);
      default -> new WitVariant(TEXT, v.toString());
    };
  }
}
