package dev.wasmlet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's variables (plain) and secrets (sealed by {@link SecretBox}, versioned). Old secret
 * versions stay while a retained revision refers to them, so a rollback gets the value it ran with.
 */
final class VariableStore {
  /** A secret as listed: never its value. */
  record SecretInfo(String name, int version, Instant updatedAt) {}

  private final Store store;
  private final SecretBox box;

  VariableStore(Store store, SecretBox box) {
    this.store = store;
    this.box = box;
  }

  static Map<String, String> vars(Connection db, String app) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        db.prepareStatement("SELECT name, value FROM vars WHERE app = ? ORDER BY name")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  Map<String, String> vars(String app) {
    return store.tx(db -> vars(db, app));
  }

  static void setVar(Connection db, String app, String name, String value) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO vars(app, name, value) VALUES (?, ?, ?)"
                + " ON CONFLICT(app, name) DO UPDATE SET value = excluded.value")) {
      ps.setString(1, app);
      ps.setString(2, name);
      ps.setString(3, value);
      ps.executeUpdate();
    }
  }

  static boolean removeVar(Connection db, String app, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM vars WHERE app = ? AND name = ?")) {
      ps.setString(1, app);
      ps.setString(2, name);
      return ps.executeUpdate() > 0;
    }
  }

  /** The current version of each secret. */
  static List<SecretInfo> secrets(Connection db, String app) throws SQLException {
    List<SecretInfo> out = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT name, version, created_at FROM secrets WHERE app = ? AND current = 1"
                + " ORDER BY name")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SecretInfo(rs.getString(1), rs.getInt(2), Instant.parse(rs.getString(3))));
        }
      }
    }
    return out;
  }

  List<SecretInfo> secrets(String app) {
    return store.tx(db -> secrets(db, app));
  }

  /** The version the next value of a secret will get. */
  static int nextVersion(Connection db, String app, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT coalesce(max(version), 0) + 1 FROM secrets WHERE app = ? AND name = ?")) {
      ps.setString(1, app);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Seals and stores a new version, which becomes the current one; returns its version. */
  int setSecret(Connection db, String app, String name, String value) throws SQLException {
    int version = nextVersion(db, app, name);
    clearCurrent(db, app, name);
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO secrets(app, name, version, sealed, created_at, current)"
                + " VALUES (?, ?, ?, ?, ?, 1)")) {
      ps.setString(1, app);
      ps.setString(2, name);
      ps.setInt(3, version);
      ps.setBytes(4, box.seal(value, context(app, name, version)));
      ps.setString(5, Instant.now().toString());
      ps.executeUpdate();
    }
    return version;
  }

  /** Makes the secret absent for new revisions; old versions stay for retained ones. */
  static boolean removeSecret(Connection db, String app, String name) throws SQLException {
    return clearCurrent(db, app, name) > 0;
  }

  private static int clearCurrent(Connection db, String app, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE secrets SET current = 0 WHERE app = ? AND name = ? AND current = 1")) {
      ps.setString(1, app);
      ps.setString(2, name);
      return ps.executeUpdate();
    }
  }

  /** The value of one version, decrypted: only ever handed to the app locker. */
  String open(String app, String name, int version) {
    byte[] sealed =
        store.tx(
            db -> {
              try (PreparedStatement ps =
                  db.prepareStatement(
                      "SELECT sealed FROM secrets WHERE app = ? AND name = ? AND version = ?")) {
                ps.setString(1, app);
                ps.setString(2, name);
                ps.setInt(3, version);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getBytes(1) : null;
                }
              }
            });
    if (sealed == null) {
      throw new ControlException(
          "app \"" + app + "\": secret " + name + " version " + version + " is no longer stored");
    }
    return box.open(sealed, context(app, name, version));
  }

  /** Drops secret versions that are neither current nor used by a retained revision. */
  static void prune(Connection db, String app, List<Revision> retained) throws SQLException {
    java.util.Set<String> used = new java.util.HashSet<>();
    for (Revision r : retained) {
      r.secrets().forEach((name, version) -> used.add(name + "@" + version));
    }
    List<Map.Entry<String, Integer>> unused = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement("SELECT name, version FROM secrets WHERE app = ? AND current = 0")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!used.contains(rs.getString(1) + "@" + rs.getInt(2))) {
            unused.add(Map.entry(rs.getString(1), rs.getInt(2)));
          }
        }
      }
    }
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM secrets WHERE app = ? AND name = ? AND version = ?")) {
      for (Map.Entry<String, Integer> u : unused) {
        ps.setString(1, app);
        ps.setString(2, u.getKey());
        ps.setInt(3, u.getValue());
        ps.executeUpdate();
      }
    }
  }

  private static String context(String app, String name, int version) {
    return app + "/" + name + "@" + version;
  }
}
