package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.raw;
import static dev.wasmlet.control.ApiExchange.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.engine.EngineVersion;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API, {@code /api/v1}: JSON in and out, bearer tokens on everything but the OpenAPI
 * document and the probes, and every failure as a problem document whose detail names the culprit
 * and the fix. Errors are mapped here and only here. The routing table is here too; each family of
 * routes has its own class: {@link AppRoutes}, {@link VariableRoutes}, {@link AppDataRoutes},
 * {@link LogRoutes}, {@link BlobRoutes} and {@link TokenRoutes}.
 */
final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.admin");

  private final Control control;
  private final Tokens tokens;
  private final ServerConfig config;
  private final AppRoutes appRoutes;
  private final VariableRoutes variableRoutes;
  private final AppDataRoutes appDataRoutes;
  private final LogRoutes logRoutes;
  private final BlobRoutes blobRoutes;
  private final TokenRoutes tokenRoutes;
  private final Instant started = Instant.now();
  private final byte[] openapi;
  private volatile String gatewayAddress = "";
  private volatile String adminAddress = "";

  AdminApi(Control control, Tokens tokens, BlobStore blobs, ServerConfig config) {
    this.control = control;
    this.tokens = tokens;
    this.config = config;
    this.appRoutes = new AppRoutes(control);
    this.variableRoutes = new VariableRoutes(control);
    this.appDataRoutes = new AppDataRoutes(control);
    this.logRoutes = new LogRoutes(control);
    this.blobRoutes = new BlobRoutes(blobs, config);
    this.tokenRoutes = new TokenRoutes(tokens);
    try (InputStream in = AdminApi.class.getResourceAsStream("openapi.json")) {
      this.openapi = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void addresses(String gateway, String admin) {
    this.gatewayAddress = gateway;
    this.adminAddress = admin;
  }

  /** A handler body that may throw; errors become problem documents. */
  @FunctionalInterface
  private interface Call {
    void handle(ServerRequest req, ServerResponse res) throws Exception;
  }

  void routes(HttpRouting.Builder r) {
    r.get("/healthz", open((req, res) -> text(res, 200, "ok\n")));
    r.get(
        "/readyz",
        open(
            (req, res) ->
                text(
                    res,
                    control.ready() ? 200 : 503,
                    control.ready() ? "ready\n" : "recovering\n")));
    r.get("/api/v1/openapi.json", open((req, res) -> raw(res, 200, "application/json", openapi)));
    r.get(
        "/metrics",
        auth(
            (req, res) ->
                raw(
                    res,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    control.metrics().scrape().getBytes(StandardCharsets.UTF_8))));
    r.get("/api/v1/status", auth(this::status));
    r.head("/api/v1/blobs/{digest}", auth(blobRoutes::headBlob));
    r.put("/api/v1/blobs/{digest}", auth(blobRoutes::putBlob));
    r.get("/api/v1/apps", auth(appRoutes::listApps));
    r.get("/api/v1/apps/{app}", auth(appRoutes::getApp));
    r.delete("/api/v1/apps/{app}", auth(appRoutes::deleteApp));
    r.post("/api/v1/apps/{app}/deployments", auth(appRoutes::deploy));
    r.get("/api/v1/apps/{app}/rejections", auth(appRoutes::listRejections));
    r.post("/api/v1/apps/{app}/admission-reviews", auth(appRoutes::reviewAdmission));
    r.get("/api/v1/apps/{app}/rollouts/{id}", auth(appRoutes::getRollout));
    r.get("/api/v1/apps/{app}/revisions", auth(appRoutes::listRevisions));
    r.get("/api/v1/apps/{app}/revisions/{n}", auth(appRoutes::getRevision));
    r.post("/api/v1/apps/{app}/rollback", auth(appRoutes::rollback));
    r.put("/api/v1/apps/{app}/traffic", auth(appRoutes::traffic));
    r.get("/api/v1/apps/{app}/vars", auth(variableRoutes::listVars));
    r.put(
        "/api/v1/apps/{app}/vars/{name}",
        auth((req, res) -> variableRoutes.setVar(req, res, true)));
    r.delete(
        "/api/v1/apps/{app}/vars/{name}",
        auth((req, res) -> variableRoutes.setVar(req, res, false)));
    r.get("/api/v1/apps/{app}/secrets", auth(variableRoutes::listSecrets));
    r.put(
        "/api/v1/apps/{app}/secrets/{name}",
        auth((req, res) -> variableRoutes.setSecret(req, res, true)));
    r.delete(
        "/api/v1/apps/{app}/secrets/{name}",
        auth((req, res) -> variableRoutes.setSecret(req, res, false)));
    r.get("/api/v1/apps/{app}/logs", auth(logRoutes::logs));
    r.get("/api/v1/apps/{app}/key-value/{store}", auth(appDataRoutes::keyValueGet));
    r.put("/api/v1/apps/{app}/key-value/{store}", auth(appDataRoutes::keyValuePut));
    r.delete("/api/v1/apps/{app}/key-value/{store}", auth(appDataRoutes::keyValueDelete));
    r.post("/api/v1/apps/{app}/sqlite/{database}", auth(appDataRoutes::sqliteExecute));
    r.get("/api/v1/tokens", auth(tokenRoutes::listTokens));
    r.post("/api/v1/tokens", auth(tokenRoutes::createToken));
    r.delete("/api/v1/tokens/{id}", auth(tokenRoutes::revokeToken));
    r.any(
        "/api/*",
        open(
            (req, res) -> {
              String method = req.prologue().method().text();
              if (method.equals("TRACE") || method.equals("CONNECT")) {
                res.header(HeaderNames.ALLOW, "GET, HEAD, POST, PUT, DELETE");
                throw new ApiProblem(
                    405, "method-not-allowed", "method " + method + " is not allowed on the API");
              }
              String raw = req.path().rawPath().toLowerCase(java.util.Locale.ROOT);
              if (raw.contains("%2f") || raw.contains("%5c")) {
                throw ApiProblem.invalid(
                    "names may not contain '/' or '\\' (got "
                        + Sanitize.quote(req.path().rawPath())
                        + "); app names are lowercase letters, digits and '-'");
              }
              throw ApiProblem.notFound(
                  "no endpoint "
                      + req.prologue().method().text()
                      + " "
                      + Sanitize.quote(req.path().rawPath())
                      + "; see /api/v1/openapi.json");
            }));
  }

  // ---- auth and error mapping

  private Handler open(Call call) {
    return (req, res) -> run(req, res, call);
  }

  private Handler auth(Call call) {
    return (req, res) ->
        run(
            req,
            res,
            (q, s) -> {
              Optional<String> header = q.headers().first(HeaderNames.AUTHORIZATION);
              // The scheme is case-insensitive (RFC 9110 section 11.1): "bearer" works too.
              if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
                s.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"wasmlet\"");
                throw new ApiProblem(
                    401,
                    "unauthorized",
                    "this endpoint needs a bearer token: send Authorization: Bearer <token> (the"
                        + " server printed one on first start and wrote it to admin.token in its"
                        + " data directory)");
              }
              String token = header.get().substring("Bearer ".length()).trim();
              if (!tokens.valid(token) && !clusterToken(token)) {
                s.header(
                    HeaderNames.WWW_AUTHENTICATE,
                    "Bearer realm=\"wasmlet\", error=\"invalid_token\"");
                throw new ApiProblem(
                    401,
                    "unauthorized",
                    "the bearer token is unknown or revoked; ask for a new one");
              }
              call.handle(q, s);
            });
  }

  /** Whether {@code token} is the cluster's shared token (compared in constant time). */
  private boolean clusterToken(String token) {
    return config
        .clusterToken()
        .get()
        .filter(t -> !t.isEmpty())
        .map(
            t ->
                MessageDigest.isEqual(
                    t.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  private static void run(ServerRequest req, ServerResponse res, Call call) {
    try {
      call.handle(req, res);
    } catch (ApiProblem p) {
      if (res.isSent()) {
        return;
      }
      ObjectNode doc = ApiJson.problem(p.status(), p.type(), p.getMessage());
      p.extend(doc);
      res.status(Status.create(p.status()));
      res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
      res.send(Json.write(doc).getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      String id = Long.toHexString(System.nanoTime());
      LOG.error(
          "admin API {} {} failed (error id {})",
          req.prologue().method().text(),
          req.path().rawPath(),
          id,
          e);
      problem(
          res,
          500,
          "internal",
          "the server failed to handle this request; its log has the details under error id " + id);
    }
  }

  private static void problem(ServerResponse res, int status, String type, String detail) {
    if (res.isSent()) {
      return;
    }
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
    res.send(Json.write(ApiJson.problem(status, type, detail)).getBytes(StandardCharsets.UTF_8));
  }

  // ---- endpoints of the server itself

  private void status(ServerRequest req, ServerResponse res) {
    ObjectNode o = Json.object();
    o.put("version", EngineVersion.wasmlet());
    o.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    o.put("apps", control.apps().apps().size());
    o.put("revisionsLoaded", control.revisionsLoaded());
    o.put("guestSlots", config.gateway().guestSlots());
    o.put("gateway", gatewayAddress);
    o.put("admin", adminAddress);
    if (config.policy().isPresent()) {
      o.set("supplyChainPolicy", ApiJson.policy(config.policy().get()));
    } else {
      o.putNull("supplyChainPolicy");
    }
    json(res, 200, o);
  }
}
