package dev.wasmlet.control;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the admin API. Only a SHA-256 of each token is stored; the token itself is
 * shown once, when created. Revoking keeps the row so the audit trail stays.
 */
public final class Tokens {
  /** A token as listed (never its value). */
  public record Info(String id, String name, Instant createdAt, Optional<Instant> revokedAt) {}

  /** A token just created: the only time its value exists outside the client. */
  public record Created(String id, String name, String token) {}

  private final Store store;
  private final SecureRandom random = new SecureRandom();

  public Tokens(Store store) {
    this.store = store;
  }

  public Created create(String name) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = "wl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] idBytes = new byte[4];
    random.nextBytes(idBytes);
    String id = "t" + HexFormat.of().formatHex(idBytes);
    store.tx(
        db -> {
          try (PreparedStatement ps =
              db.prepareStatement(
                  "INSERT INTO tokens(id, name, hash, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, hash(token));
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
          }
          return null;
        });
    return new Created(id, name, token);
  }

  /** Whether the token is known and not revoked. */
  public boolean valid(String token) {
    String h = hash(token);
    return store.tx(
        db -> {
          try (PreparedStatement ps =
              db.prepareStatement("SELECT 1 FROM tokens WHERE hash = ? AND revoked_at IS NULL")) {
            ps.setString(1, h);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  public boolean isEmpty() {
    return store.tx(
        db -> {
          try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM tokens")) {
            return rs.next() && rs.getLong(1) == 0;
          }
        });
  }

  public List<Info> list() {
    return store.tx(
        db -> {
          List<Info> out = new ArrayList<>();
          try (ResultSet rs =
              db.createStatement()
                  .executeQuery(
                      "SELECT id, name, created_at, revoked_at FROM tokens ORDER BY created_at")) {
            while (rs.next()) {
              out.add(
                  new Info(
                      rs.getString(1),
                      rs.getString(2),
                      Instant.parse(rs.getString(3)),
                      Optional.ofNullable(rs.getString(4)).map(Instant::parse)));
            }
          }
          return out;
        });
  }

  /**
   * @throws ApiProblem 404 when there is no such token
   */
  public void revoke(String id) {
    int n =
        store.tx(
            db -> {
              try (PreparedStatement ps =
                  db.prepareStatement(
                      "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setString(1, Instant.now().toString());
                ps.setString(2, id);
                return ps.executeUpdate();
              }
            });
    if (n == 0) {
      throw ApiProblem.notFound(
          "no active token with id \"" + Sanitize.quote(id) + "\"; see GET /api/v1/tokens");
    }
  }

  private static String hash(String token) {
    return HexFormat.of()
        .formatHex(BlobStore.sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
