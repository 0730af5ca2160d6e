package dev.wasmlet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Supply-chain rejections in the {@link Store}: the newest {@link #REJECTIONS_KEPT} per app name,
 * kept even for an app that was never created (its deploy was refused). Methods run inside the
 * caller's transaction.
 */
final class RejectionRows {
  private RejectionRows() {}

  /** How many rejections are kept per app name. */
  static final int REJECTIONS_KEPT = 20;

  /** Records a rejection and drops the app's oldest beyond {@link #REJECTIONS_KEPT}. */
  static void insertRejection(Connection db, Rejection r) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO rejections(app, at, revision, subject, check_name, message, checks)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.app());
      ps.setString(2, r.at().toString());
      if (r.revision().isPresent()) {
        ps.setInt(3, r.revision().get());
      } else {
        ps.setNull(3, java.sql.Types.INTEGER);
      }
      ps.setString(4, r.subject());
      ps.setString(5, r.check());
      ps.setString(6, r.message());
      ps.setString(7, Json.write(Verification.checks(r.checks())));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        db.prepareStatement(
            "DELETE FROM rejections WHERE app = ? AND id NOT IN (SELECT id FROM rejections"
                + " WHERE app = ? ORDER BY id DESC LIMIT ?)")) {
      ps.setString(1, r.app());
      ps.setString(2, r.app());
      ps.setInt(3, REJECTIONS_KEPT);
      ps.executeUpdate();
    }
  }

  /** The app's rejections, newest first. */
  static List<Rejection> rejections(Connection db, String app) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT app, at, revision, subject, check_name, message, checks FROM rejections"
                + " WHERE app = ? ORDER BY id DESC")) {
      ps.setString(1, app);
      return rejections(ps);
    }
  }

  /** The newest rejection of every app name, newest first. */
  static List<Rejection> latest(Connection db) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT app, at, revision, subject, check_name, message, checks FROM rejections"
                + " WHERE id IN (SELECT max(id) FROM rejections GROUP BY app)"
                + " ORDER BY id DESC")) {
      return rejections(ps);
    }
  }

  private static List<Rejection> rejections(PreparedStatement ps) throws SQLException {
    List<Rejection> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int revision = rs.getInt(3);
        Optional<Integer> rev = rs.wasNull() ? Optional.empty() : Optional.of(revision);
        out.add(
            new Rejection(
                rs.getString(1),
                Instant.parse(rs.getString(2)),
                rev,
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Verification.checks(Json.read(rs.getString(7)))));
      }
    }
    return out;
  }

  static void deleteRejections(Connection db, String app) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM rejections WHERE app = ?")) {
      ps.setString(1, app);
      ps.executeUpdate();
    }
  }
}
