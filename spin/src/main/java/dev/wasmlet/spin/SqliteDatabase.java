package dev.wasmlet.spin;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteLimits;

/**
 * One SQLite database an app's components query with Spin's {@code sqlite} interface: a file in the
 * app's data directory, WAL mode with {@code synchronous=FULL}. Guests run any SQL on it, so the
 * connection is fenced: no attached databases (which also refuses {@code VACUUM}, whose {@code
 * INTO} form would write any file), no extensions, at most {@value #MAX_PAGES} pages of 4 KiB (then
 * {@code database-full}), every statement bounded in time, and results capped at {@value
 * KeyValueStore#MAX_READ} bytes.
 */
public final class SqliteDatabase implements AutoCloseable {
  /** Pages of 4 KiB: 1 GiB. */
  public static final int MAX_PAGES = 262_144;

  private final String label;
  private final Connection db;

  /** Rows and columns of a query; values are Long, Double, String, byte[] or null. */
  public record Result(
      List<String> columns, List<List<Object>> rows, long lastInsertRowid, long changes) {}

  private SqliteDatabase(String label, Connection db) {
    this.label = label;
    this.db = db;
  }

  public static SqliteDatabase open(String label, Path file) {
    return open(label, file.toString(), "jdbc:sqlite:" + file);
  }

  /** A database {@code label} in memory only, gone when closed. */
  public static SqliteDatabase openInMemory(String label) {
    return open(label, "memory", "jdbc:sqlite::memory:");
  }

  private static SqliteDatabase open(String label, String where, String url) {
    try {
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      cfg.setBusyTimeout(10_000);
      cfg.setMaxPageCount(MAX_PAGES);
      cfg.setPageSize(4096);
      cfg.enableLoadExtension(false);
      Connection c = DriverManager.getConnection(url, cfg.toProperties());
      c.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
      return new SqliteDatabase(label, c);
    } catch (SQLException e) {
      throw new SpinException(
          "cannot open SQLite database \"" + label + "\" at " + where + ": " + e.getMessage(), e);
    }
  }

  public String label() {
    return label;
  }

  /**
   * Runs one statement with positional parameters (Long, Double, String, byte[] or null).
   *
   * @param timeoutSeconds the most it may run
   * @throws SqliteFailed with {@code full} set when the database reached its size cap
   */
  public synchronized Result execute(String sql, List<Object> params, int timeoutSeconds) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setQueryTimeout(Math.max(1, timeoutSeconds));
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        switch (p) {
          case null -> s.setNull(i + 1, Types.NULL);
          case Long l -> s.setLong(i + 1, l);
          case Double d -> s.setDouble(i + 1, d);
          case String t -> s.setString(i + 1, t);
          case byte[] b -> s.setBytes(i + 1, b);
          default -> throw new IllegalArgumentException("not an SQLite value: " + p.getClass());
        }
      }
      List<String> columns = new ArrayList<>();
      List<List<Object>> rows = new ArrayList<>();
      if (s.execute()) {
        try (ResultSet rs = s.getResultSet()) {
          ResultSetMetaData md = rs.getMetaData();
          for (int c = 1; c <= md.getColumnCount(); c++) {
            columns.add(md.getColumnLabel(c));
          }
          long bytes = 0;
          while (rs.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int c = 1; c <= columns.size(); c++) {
              Object v = value(rs, c);
              bytes +=
                  8 + (v instanceof String t ? t.length() : v instanceof byte[] b ? b.length : 0);
              row.add(v);
            }
            if (bytes > KeyValueStore.MAX_READ) {
              throw new SqliteFailed(
                  "the query result exceeds the limit of " + KeyValueStore.MAX_READ + " bytes",
                  false);
            }
            rows.add(row);
          }
        }
      }
      return new Result(columns, rows, scalar("last_insert_rowid()"), scalar("changes()"));
    } catch (SQLException e) {
      boolean full =
          e instanceof SQLiteException x && x.getResultCode() == SQLiteErrorCode.SQLITE_FULL;
      throw new SqliteFailed(e.getMessage(), full);
    }
  }

  private long scalar(String function) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + function)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Object value(ResultSet rs, int c) throws SQLException {
    Object v = rs.getObject(c);
    return switch (v) {
      case null -> null;
      case Integer i -> (long) i;
      case Long l -> l;
      case Float f -> (double) f;
      case Double d -> d;
      case String t -> t;
      case byte[] b -> b;
      default -> v.toString();
    };
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new SpinException(
          "cannot close SQLite database \"" + label + "\": " + e.getMessage(), e);
    }
  }
}
