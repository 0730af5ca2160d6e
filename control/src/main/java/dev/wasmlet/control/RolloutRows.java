package dev.wasmlet.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rollouts in the {@link Store}: inserted with a new revision (or by a rollback or self-healing),
 * updated at every step, and read back by id, newest first, or as the ones a crash interrupted.
 * Methods run inside the caller's transaction.
 */
final class RolloutRows {
  private RolloutRows() {}

  static Rollout insertRollout(Connection db, Rollout r) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO rollouts(app, revision, from_revision, strategy, state, step, percent,"
                + " message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, r.app());
      ps.setInt(2, r.revision());
      if (r.from().isPresent()) {
        ps.setInt(3, r.from().get());
      } else {
        ps.setNull(3, Types.INTEGER);
      }
      ps.setString(4, strategyJson(r.strategy()));
      ps.setString(5, r.state().name());
      ps.setInt(6, r.step());
      ps.setInt(7, r.percent());
      ps.setString(8, r.message());
      ps.setString(9, r.startedAt().toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        return new Rollout(
            id,
            r.app(),
            r.revision(),
            r.from(),
            r.strategy(),
            r.state(),
            r.step(),
            r.percent(),
            r.message(),
            r.startedAt(),
            r.finishedAt());
      }
    }
  }

  static void updateRollout(Connection db, Rollout r) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE rollouts SET state = ?, step = ?, percent = ?, message = ?, finished_at = ?"
                + " WHERE id = ?")) {
      ps.setString(1, r.state().name());
      ps.setInt(2, r.step());
      ps.setInt(3, r.percent());
      ps.setString(4, r.message());
      AppStore.setOptional(ps, 5, r.finishedAt().map(Instant::toString));
      ps.setLong(6, r.id());
      ps.executeUpdate();
    }
  }

  /** Rollouts a crash interrupted, of every app, oldest first within each app. */
  static List<Rollout> unfinished(Connection db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = db.createStatement().executeQuery("SELECT name FROM apps")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    List<Rollout> out = new ArrayList<>();
    for (String name : names) {
      out.addAll(rollouts(db, name, "state IN ('PENDING', 'PROGRESSING')").reversed());
    }
    return out;
  }

  /** The app's rollouts that match {@code where} (trusted SQL), newest first. */
  static List<Rollout> rollouts(Connection db, String app, String where) throws SQLException {
    List<Rollout> out = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT id, app, revision, from_revision, strategy, state, step, percent, message,"
                + " started_at, finished_at FROM rollouts WHERE app = ? AND "
                + where
                + " ORDER BY id DESC")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int from = rs.getInt(4);
          boolean noFrom = rs.wasNull();
          out.add(
              new Rollout(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  noFrom ? Optional.empty() : Optional.of(from),
                  strategy(rs.getString(5)),
                  Rollout.State.valueOf(rs.getString(6)),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.getString(9),
                  Instant.parse(rs.getString(10)),
                  Optional.ofNullable(rs.getString(11)).map(Instant::parse)));
        }
      }
    }
    return out;
  }

  static String strategyJson(Strategy s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("type", s.type().name());
    m.put("steps", Json.write(s.steps()));
    m.put("stepInterval", s.stepInterval().toString());
    m.put("maxErrorRate", Double.toString(s.maxErrorRate()));
    m.put("maxP99", s.maxP99().toString());
    m.put("minRequests", Integer.toString(s.minRequests()));
    if (!s.stepPauses().isEmpty()) {
      m.put("stepPauses", Json.write(s.stepPauses().stream().map(Duration::toString).toList()));
    }
    return Json.write(m);
  }

  static Strategy strategy(String json) {
    Map<String, String> m = Json.stringMap(json);
    return new Strategy(
        Strategy.Type.valueOf(m.get("type")),
        Json.stringList(m.get("steps")).stream().map(Integer::valueOf).toList(),
        Duration.parse(m.get("stepInterval")),
        Double.parseDouble(m.get("maxErrorRate")),
        Duration.parse(m.get("maxP99")),
        Integer.parseInt(m.get("minRequests")),
        m.containsKey("stepPauses")
            ? Json.stringList(m.get("stepPauses")).stream().map(Duration::parse).toList()
            : List.of());
  }
}
