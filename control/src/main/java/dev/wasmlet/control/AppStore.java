package dev.wasmlet.control;

import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apps, revisions and traffic splits in the {@link Store}, and the reads of rollouts ({@link
 * RolloutRows}) and rejections ({@link RejectionRows}) the server and its API make. Methods taking
 * a {@link Connection} run inside the caller's transaction, so a revision, its rollout and a
 * traffic change commit together or not at all.
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
            Optional.ofNullable(src.get("artifact")).map(a -> Artifact.fromJson(Json.read(a))),
            src.containsKey("overrides")
                ? OverridesJson.read(Json.read(src.get("overrides")))
                : ManifestOverrides.none()),
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
    if (!r.source().overrides().isEmpty()) {
      src.put("overrides", Json.write(OverridesJson.write(r.source().overrides())));
    }
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

  // ---- rejections (rows in RejectionRows)

  /** The app's rejections, newest first. */
  List<Rejection> rejections(String app) {
    return store.tx(db -> RejectionRows.rejections(db, app));
  }

  /** The newest rejection of every app name, newest first. */
  List<Rejection> latestRejections() {
    return store.tx(RejectionRows::latest);
  }

  // ---- rollouts (rows in RolloutRows)

  Optional<Rollout> rollout(String app, long id) {
    return store.tx(db -> RolloutRows.rollouts(db, app, "id = " + id).stream().findFirst());
  }

  /** The app's newest rollout. */
  Optional<Rollout> latestRollout(String app) {
    return store.tx(db -> RolloutRows.rollouts(db, app, "1 = 1").stream().findFirst());
  }

  /** Rollouts a crash interrupted, oldest first. */
  List<Rollout> unfinishedRollouts() {
    return store.tx(RolloutRows::unfinished);
  }

  static void setOptional(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
    if (v.isPresent()) {
      ps.setString(i, v.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }
}
