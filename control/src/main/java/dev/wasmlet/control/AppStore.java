package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
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
 * Apps, revisions, traffic splits and rollouts in the {@link Store}. Methods taking a {@link
 * Connection} run inside the caller's transaction, so a revision, its rollout and a traffic change
 * commit together or not at all.
 */
final class AppStore {
  private final Store store;

  AppStore(Store store) {
    this.store = store;
  }

  Store store() {
    return store;
  }

  // ---- apps

  List<AppRecord> apps() {
    return store.tx(
        db -> {
          List<AppRecord> out = new ArrayList<>();
          try (ResultSet rs =
              db.createStatement()
                  .executeQuery(
                      "SELECT name, routing, admission, created_at FROM apps ORDER BY name")) {
            while (rs.next()) {
              out.add(app(rs));
            }
          }
          return out;
        });
  }

  Optional<AppRecord> app(String name) {
    return store.tx(db -> app(db, name));
  }

  static Optional<AppRecord> app(Connection db, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT name, routing, admission, created_at FROM apps WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(app(rs)) : Optional.empty();
      }
    }
  }

  private static AppRecord app(ResultSet rs) throws SQLException {
    Map<String, String> routing = Json.stringMap(rs.getString(2));
    Map<String, Integer> admission = Json.intMap(rs.getString(3));
    return new AppRecord(
        rs.getString(1),
        new AppRouting(Json.stringList(routing.get("hosts")), routing.get("prefix")),
        new AdmissionLimits(admission.get("maxConcurrency"), admission.get("maxQueue")),
        Instant.parse(rs.getString(4)));
  }

  static void putApp(Connection db, AppRecord a) throws SQLException {
    Map<String, String> routing = new LinkedHashMap<>();
    routing.put("hosts", Json.write(a.routing().hosts()));
    routing.put("prefix", a.routing().prefix());
    Map<String, Integer> admission = new LinkedHashMap<>();
    admission.put("maxConcurrency", a.admission().maxConcurrency());
    admission.put("maxQueue", a.admission().maxQueue());
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO apps(name, routing, admission, created_at, next_revision)"
                + " VALUES (?, ?, ?, ?, 1) ON CONFLICT(name) DO UPDATE SET"
                + " routing = excluded.routing, admission = excluded.admission")) {
      ps.setString(1, a.name());
      ps.setString(2, Json.write(routing));
      ps.setString(3, Json.write(admission));
      ps.setString(4, a.createdAt().toString());
      ps.executeUpdate();
    }
  }

  static int nextRevision(Connection db, String app) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE apps SET next_revision = next_revision + 1 WHERE name = ?"
                + " RETURNING next_revision - 1")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static void deleteApp(Connection db, String app) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM apps WHERE name = ?")) {
      ps.setString(1, app);
      ps.executeUpdate();
    }
  }

  // ---- revisions

  List<Revision> revisions(String app) {
    return store.tx(db -> revisions(db, app));
  }

  /** Newest first. */
  static List<Revision> revisions(Connection db, String app) throws SQLException {
    List<Revision> out = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT app, number, digest, created_at, cause, state, reason, source, variables,"
                + " secrets, health_route, components, verification FROM revisions WHERE app = ?"
                + " ORDER BY number DESC")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(revision(rs));
        }
      }
    }
    return out;
  }

  Optional<Revision> revision(String app, int number) {
    return store.tx(
        db -> revisions(db, app).stream().filter(r -> r.number() == number).findFirst());
  }

  private static Revision revision(ResultSet rs) throws SQLException {
    Map<String, String> src = Json.stringMap(rs.getString(8));
    return new Revision(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        Instant.parse(rs.getString(4)),
        rs.getString(5),
        Revision.State.valueOf(rs.getString(6)),
        Optional.ofNullable(rs.getString(7)),
        new RevisionSource(
            src.get("manifest"),
            Json.stringMap(src.get("files")),
            Optional.ofNullable(src.get("artifact")).map(a -> Artifact.fromJson(Json.read(a)))),
        Json.stringMap(rs.getString(9)),
        Json.intMap(rs.getString(10)),
        Optional.ofNullable(rs.getString(11)),
        Json.stringMap(rs.getString(12)),
        Optional.ofNullable(rs.getString(13)).map(v -> Verification.fromJson(Json.read(v))));
  }

  static void insertRevision(Connection db, Revision r) throws SQLException {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("manifest", r.source().manifest());
    src.put("files", Json.write(r.source().files()));
    r.source().artifact().ifPresent(a -> src.put("artifact", Json.write(a.toJson())));
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO revisions(app, number, digest, created_at, cause, state, reason, source,"
                + " variables, secrets, health_route, components, verification)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.app());
      ps.setInt(2, r.number());
      ps.setString(3, r.digest());
      ps.setString(4, r.createdAt().toString());
      ps.setString(5, r.cause());
      ps.setString(6, r.state().name());
      setOptional(ps, 7, r.reason());
      ps.setString(8, Json.write(src));
      ps.setString(9, Json.write(r.variables()));
      ps.setString(10, Json.write(r.secrets()));
      setOptional(ps, 11, r.healthRoute());
      ps.setString(12, Json.write(r.components()));
      setOptional(ps, 13, r.verification().map(v -> Json.write(v.toJson())));
      ps.executeUpdate();
    }
  }

  static void setVerification(Connection db, String app, int number, Verification v)
      throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE revisions SET verification = ? WHERE app = ? AND number = ?")) {
      ps.setString(1, Json.write(v.toJson()));
      ps.setString(2, app);
      ps.setInt(3, number);
      ps.executeUpdate();
    }
  }

  // ---- rejections

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
  List<Rejection> rejections(String app) {
    return store.tx(
        db -> {
          try (PreparedStatement ps =
              db.prepareStatement(
                  "SELECT app, at, revision, subject, check_name, message, checks FROM rejections"
                      + " WHERE app = ? ORDER BY id DESC")) {
            ps.setString(1, app);
            return rejections(ps);
          }
        });
  }

  /** The newest rejection of every app name, newest first. */
  List<Rejection> latestRejections() {
    return store.tx(
        db -> {
          try (PreparedStatement ps =
              db.prepareStatement(
                  "SELECT app, at, revision, subject, check_name, message, checks FROM rejections"
                      + " WHERE id IN (SELECT max(id) FROM rejections GROUP BY app)"
                      + " ORDER BY id DESC")) {
            return rejections(ps);
          }
        });
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

  static void setRevisionState(
      Connection db, String app, int number, Revision.State state, Optional<String> reason)
      throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE revisions SET state = ?, reason = coalesce(?, reason)"
                + " WHERE app = ? AND number = ?")) {
      ps.setString(1, state.name());
      setOptional(ps, 2, reason);
      ps.setString(3, app);
      ps.setInt(4, number);
      ps.executeUpdate();
    }
  }

  static void deleteRevision(Connection db, String app, int number) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM revisions WHERE app = ? AND number = ?")) {
      ps.setString(1, app);
      ps.setInt(2, number);
      ps.executeUpdate();
    }
  }

  // ---- traffic

  Map<Integer, Integer> traffic(String app) {
    return store.tx(db -> traffic(db, app));
  }

  static Map<Integer, Integer> traffic(Connection db, String app) throws SQLException {
    Map<Integer, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT revision, percent FROM traffic WHERE app = ? ORDER BY revision DESC")) {
      ps.setString(1, app);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getInt(2));
        }
      }
    }
    return out;
  }

  /** Replaces the app's split; revisions it names become ACTIVE, active ones it drops RETIRED. */
  static void setTraffic(Connection db, String app, Map<Integer, Integer> split)
      throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("DELETE FROM traffic WHERE app = ?")) {
      ps.setString(1, app);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        db.prepareStatement(
            "UPDATE revisions SET state = 'RETIRED' WHERE app = ? AND state = 'ACTIVE'")) {
      ps.setString(1, app);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO traffic(app, revision, percent) VALUES (?, ?, ?)")) {
      for (Map.Entry<Integer, Integer> e : split.entrySet()) {
        if (e.getValue() == 0) {
          continue;
        }
        ps.setString(1, app);
        ps.setInt(2, e.getKey());
        ps.setInt(3, e.getValue());
        ps.executeUpdate();
        setRevisionState(db, app, e.getKey(), Revision.State.ACTIVE, Optional.empty());
      }
    }
  }

  // ---- rollouts

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
      setOptional(ps, 5, r.finishedAt().map(Instant::toString));
      ps.setLong(6, r.id());
      ps.executeUpdate();
    }
  }

  Optional<Rollout> rollout(String app, long id) {
    return store.tx(db -> rollouts(db, app, "id = " + id).stream().findFirst());
  }

  /** The app's newest rollout. */
  Optional<Rollout> latestRollout(String app) {
    return store.tx(db -> rollouts(db, app, "1 = 1").stream().findFirst());
  }

  /** Rollouts a crash interrupted, oldest first. */
  List<Rollout> unfinishedRollouts() {
    return store.tx(
        db -> {
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
        });
  }

  private static List<Rollout> rollouts(Connection db, String app, String where)
      throws SQLException {
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
        Integer.parseInt(m.get("minRequests")));
  }

  private static void setOptional(PreparedStatement ps, int i, Optional<String> v)
      throws SQLException {
    if (v.isPresent()) {
      ps.setString(i, v.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }
}
