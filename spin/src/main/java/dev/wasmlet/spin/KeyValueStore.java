package dev.wasmlet.spin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * One key-value store (an app's label): an SQLite database file in WAL mode with {@code
 * synchronous=FULL}, so a write the guest saw succeed survives kill -9 and power loss. Spin's table
 * ({@code spin_key_value(store, key, value)}, the label in {@code store}), so the file reads like
 * Spin's {@code .spin/sqlite_key_value.db}. One connection under this object's lock: SQLite has one
 * writer anyway, and each call is one statement or one transaction.
 *
 * <p>Integers for {@code increment} are 8 bytes little-endian, as Spin stores them. A value read is
 * capped at {@value #MAX_READ} bytes (Spin's {@code MAX_HOST_BUFFERED_BYTES}).
 */
public final class KeyValueStore implements AutoCloseable {
  /** The most bytes one read returns (values, or keys listed together). */
  public static final int MAX_READ = 128 << 20;

  private final String label;
  private final Path file;
  private final Connection db;

  private KeyValueStore(String label, Path file, Connection db) {
    this.label = label;
    this.file = file;
    this.db = db;
  }

  /** Opens (creating it if needed) the store {@code label} in {@code file}. */
  public static KeyValueStore open(String label, Path file) {
    return open(label, file, "jdbc:sqlite:" + file);
  }

  /** A store {@code label} in memory only, gone when closed. */
  public static KeyValueStore openInMemory(String label) {
    return open(label, Path.of(":memory:"), "jdbc:sqlite::memory:");
  }

  private static KeyValueStore open(String label, Path file, String url) {
    try {
      SQLiteConfig cfg = new SQLiteConfig();
      cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
      cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      cfg.setBusyTimeout(10_000);
      Connection c = DriverManager.getConnection(url, cfg.toProperties());
      try (var s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS spin_key_value (store TEXT NOT NULL, key TEXT NOT NULL,"
                + " value BLOB NOT NULL, PRIMARY KEY (store, key))");
      }
      return new KeyValueStore(label, file, c);
    } catch (SQLException e) {
      throw new SpinException(
          "cannot open key-value store \"" + label + "\" at " + file + ": " + e.getMessage(), e);
    }
  }

  public String label() {
    return label;
  }

  public synchronized Optional<byte[]> get(String key) {
    try (PreparedStatement s =
        db.prepareStatement("SELECT value FROM spin_key_value WHERE store=? AND key=?")) {
      s.setString(1, label);
      s.setString(2, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(capped(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("get", e);
    }
  }

  public synchronized void set(String key, byte[] value) {
    try {
      upsert(key, value);
    } catch (SQLException e) {
      throw failed("set", e);
    }
  }

  public synchronized void delete(String key) {
    try (PreparedStatement s =
        db.prepareStatement("DELETE FROM spin_key_value WHERE store=? AND key=?")) {
      s.setString(1, label);
      s.setString(2, key);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("delete", e);
    }
  }

  public synchronized boolean exists(String key) {
    try (PreparedStatement s =
        db.prepareStatement("SELECT 1 FROM spin_key_value WHERE store=? AND key=?")) {
      s.setString(1, label);
      s.setString(2, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw failed("exists", e);
    }
  }

  /** Every key, in key order. */
  public synchronized List<String> keys() {
    List<String> out = new ArrayList<>();
    long bytes = 0;
    try (PreparedStatement s =
        db.prepareStatement("SELECT key FROM spin_key_value WHERE store=? ORDER BY key")) {
      s.setString(1, label);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String k = rs.getString(1);
          bytes += k.length();
          if (bytes > MAX_READ) {
            throw new KeyValueFailed("the keys exceed the limit of " + MAX_READ + " bytes");
          }
          out.add(k);
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed("get-keys", e);
    }
  }

  /** Adds {@code delta} to the integer at {@code key} (0 when absent); returns the new value. */
  public synchronized long increment(String key, long delta) {
    return tx(
        () -> {
          Optional<byte[]> v = get(key);
          long current = 0;
          if (v.isPresent()) {
            if (v.get().length != 8) {
              throw new KeyValueFailed(
                  "the value of \""
                      + key
                      + "\" is not a 64-bit integer ("
                      + v.get().length
                      + " bytes)");
            }
            current = ByteBuffer.wrap(v.get()).order(ByteOrder.LITTLE_ENDIAN).getLong();
          }
          long next = current + delta;
          upsert(key, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(next).array());
          return next;
        });
  }

  /**
   * Sets {@code key} to {@code value} if it still holds {@code expected} (absent: if it is still
   * absent); returns whether it did.
   */
  public synchronized boolean compareAndSwap(String key, Optional<byte[]> expected, byte[] value) {
    try {
      if (expected.isEmpty()) {
        try (PreparedStatement s =
            db.prepareStatement(
                "INSERT OR IGNORE INTO spin_key_value (store, key, value) VALUES (?, ?, ?)")) {
          s.setString(1, label);
          s.setString(2, key);
          s.setBytes(3, value);
          return s.executeUpdate() == 1;
        }
      }
      try (PreparedStatement s =
          db.prepareStatement(
              "UPDATE spin_key_value SET value=? WHERE store=? AND key=? AND value=?")) {
        s.setBytes(1, value);
        s.setString(2, label);
        s.setString(3, key);
        s.setBytes(4, expected.get());
        return s.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw failed("swap", e);
    }
  }

  /** Sets every pair in one transaction. */
  public synchronized void setMany(Map<String, byte[]> values) {
    tx(
        () -> {
          for (Map.Entry<String, byte[]> e : values.entrySet()) {
            upsert(e.getKey(), e.getValue());
          }
          return null;
        });
  }

  /** Deletes every key in one transaction. */
  public synchronized void deleteMany(List<String> keys) {
    tx(
        () -> {
          keys.forEach(this::delete);
          return null;
        });
  }

  private void upsert(String key, byte[] value) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "INSERT INTO spin_key_value (store, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT(store, key) DO UPDATE SET value=excluded.value")) {
      s.setString(1, label);
      s.setString(2, key);
      s.setBytes(3, value);
      s.executeUpdate();
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T tx(Work<T> work) {
    try {
      db.setAutoCommit(false);
      try {
        T result = work.run();
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed("transaction", e);
    }
  }

  private static byte[] capped(byte[] value) {
    if (value.length > MAX_READ) {
      throw new KeyValueFailed("the value exceeds the limit of " + MAX_READ + " bytes");
    }
    return value;
  }

  private KeyValueFailed failed(String op, SQLException e) {
    return new KeyValueFailed(op + " on store \"" + label + "\" failed: " + e.getMessage());
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new SpinException("cannot close key-value store " + file + ": " + e.getMessage(), e);
    }
  }
}
