package dev.wasmlet.control;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The server's state: one SQLite database in the data directory, in WAL mode with {@code
 * synchronous=FULL}, so a committed transaction survives kill -9 and power loss and an uncommitted
 * one leaves no trace. One connection, used under this object's lock: state changes are rare and
 * small, and one writer keeps every multi-row change atomic and ordered.
 */
public final class Store implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;

  private final Connection db;

  private Store(Connection db) {
    this.db = db;
  }

  /** A unit of work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection db) throws SQLException;
  }

  public static Store open(Path file) {
    try {
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      cfg.enforceForeignKeys(true);
      cfg.setBusyTimeout(10_000);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
      Store store = new Store(c);
      store.migrate();
      return store;
    } catch (SQLException e) {
      throw new ControlException(
          "cannot open the state database "
              + file
              + ": "
              + e.getMessage()
              + "; is another wasmlet server using this data directory?",
          e);
    }
  }

  /** Runs the work in one transaction: all of it is committed, or none. */
  public synchronized <T> T tx(Work<T> work) {
    try {
      db.setAutoCommit(false);
      try {
        T result = work.run(db);
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new ControlException("state database: " + e.getMessage(), e);
    }
  }

  private void migrate() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS apps(name TEXT PRIMARY KEY, routing TEXT NOT NULL,"
              + " admission TEXT NOT NULL, created_at TEXT NOT NULL,"
              + " next_revision INTEGER NOT NULL) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS revisions(app TEXT NOT NULL REFERENCES apps(name) ON DELETE"
              + " CASCADE, number INTEGER NOT NULL, digest TEXT NOT NULL, created_at TEXT NOT NULL,"
              + " cause TEXT NOT NULL, state TEXT NOT NULL, reason TEXT, source TEXT NOT NULL,"
              + " variables TEXT NOT NULL, secrets TEXT NOT NULL, health_route TEXT,"
              + " components TEXT NOT NULL, PRIMARY KEY(app, number)) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS traffic(app TEXT NOT NULL REFERENCES apps(name) ON DELETE"
              + " CASCADE, revision INTEGER NOT NULL, percent INTEGER NOT NULL,"
              + " PRIMARY KEY(app, revision)) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS rollouts(id INTEGER PRIMARY KEY AUTOINCREMENT, app TEXT NOT"
              + " NULL REFERENCES apps(name) ON DELETE CASCADE, revision INTEGER NOT NULL,"
              + " from_revision INTEGER, strategy TEXT NOT NULL, state TEXT NOT NULL,"
              + " step INTEGER NOT NULL, percent INTEGER NOT NULL, message TEXT NOT NULL,"
              + " started_at TEXT NOT NULL, finished_at TEXT) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS vars(app TEXT NOT NULL REFERENCES apps(name) ON DELETE"
              + " CASCADE, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(app, name)) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS secrets(app TEXT NOT NULL REFERENCES apps(name) ON DELETE"
              + " CASCADE, name TEXT NOT NULL, version INTEGER NOT NULL, sealed BLOB NOT NULL,"
              + " created_at TEXT NOT NULL, current INTEGER NOT NULL,"
              + " PRIMARY KEY(app, name, version)) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS tokens(id TEXT PRIMARY KEY, name TEXT NOT NULL,"
              + " hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT) STRICT");
      s.execute(
          "CREATE TABLE IF NOT EXISTS rejections(id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " app TEXT NOT NULL, at TEXT NOT NULL, revision INTEGER, subject TEXT NOT NULL,"
              + " check_name TEXT NOT NULL, message TEXT NOT NULL, checks TEXT NOT NULL) STRICT");
      if (!columns(s, "revisions").contains("verification")) {
        s.execute("ALTER TABLE revisions ADD COLUMN verification TEXT");
      }
      s.execute(
          "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
    }
  }

  private static java.util.Set<String> columns(Statement s, String table) throws SQLException {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (java.sql.ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new ControlException("closing the state database: " + e.getMessage(), e);
    }
  }
}
