package dev.wasmlet.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.engine.EngineVersion;
import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API, {@code /api/v1}: JSON in and out, bearer tokens on everything but the OpenAPI
 * document and the probes, and every failure as a problem document whose detail names the culprit
 * and the fix. Errors are mapped here and only here.
 */
final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.admin");
  private static final int MAX_JSON = 1024 * 1024;

  private final Control control;
  private final Tokens tokens;
  private final BlobStore blobs;
  private final ServerConfig config;
  private final Instant started = Instant.now();
  private final byte[] openapi;
  private volatile String gatewayAddress = "";
  private volatile String adminAddress = "";

  AdminApi(Control control, Tokens tokens, BlobStore blobs, ServerConfig config) {
    this.control = control;
    this.tokens = tokens;
    this.blobs = blobs;
    this.config = config;
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

  /** The largest value {@code wasmlet kv set} may send. */
  private static final int MAX_VALUE = 16 << 20;

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
    r.head("/api/v1/blobs/{digest}", auth(this::headBlob));
    r.put("/api/v1/blobs/{digest}", auth(this::putBlob));
    r.get("/api/v1/apps", auth(this::listApps));
    r.get("/api/v1/apps/{app}", auth(this::getApp));
    r.delete("/api/v1/apps/{app}", auth(this::deleteApp));
    r.post("/api/v1/apps/{app}/deployments", auth(this::deploy));
    r.get("/api/v1/apps/{app}/rejections", auth(this::listRejections));
    r.post("/api/v1/apps/{app}/admission-reviews", auth(this::reviewAdmission));
    r.get("/api/v1/apps/{app}/rollouts/{id}", auth(this::getRollout));
    r.get("/api/v1/apps/{app}/revisions", auth(this::listRevisions));
    r.get("/api/v1/apps/{app}/revisions/{n}", auth(this::getRevision));
    r.post("/api/v1/apps/{app}/rollback", auth(this::rollback));
    r.put("/api/v1/apps/{app}/traffic", auth(this::traffic));
    r.get("/api/v1/apps/{app}/vars", auth(this::listVars));
    r.put("/api/v1/apps/{app}/vars/{name}", auth((req, res) -> setVar(req, res, true)));
    r.delete("/api/v1/apps/{app}/vars/{name}", auth((req, res) -> setVar(req, res, false)));
    r.get("/api/v1/apps/{app}/secrets", auth(this::listSecrets));
    r.put("/api/v1/apps/{app}/secrets/{name}", auth((req, res) -> setSecret(req, res, true)));
    r.delete("/api/v1/apps/{app}/secrets/{name}", auth((req, res) -> setSecret(req, res, false)));
    r.get("/api/v1/apps/{app}/logs", auth(this::logs));
    r.get("/api/v1/apps/{app}/key-value/{store}", auth(this::keyValueGet));
    r.put("/api/v1/apps/{app}/key-value/{store}", auth(this::keyValuePut));
    r.delete("/api/v1/apps/{app}/key-value/{store}", auth(this::keyValueDelete));
    r.post("/api/v1/apps/{app}/sqlite/{database}", auth(this::sqliteExecute));
    r.get("/api/v1/tokens", auth(this::listTokens));
    r.post("/api/v1/tokens", auth(this::createToken));
    r.delete("/api/v1/tokens/{id}", auth(this::revokeToken));
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
              if (!tokens.valid(header.get().substring("Bearer ".length()).trim())) {
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

  // ---- bodies

  private static JsonNode body(ServerRequest req) throws IOException {
    byte[] bytes;
    try (InputStream in = req.content().inputStream()) {
      bytes = in.readNBytes(MAX_JSON + 1);
    }
    if (bytes.length > MAX_JSON) {
      throw new ApiProblem(413, "too-large", "the JSON body is larger than 1 MiB");
    }
    if (bytes.length == 0) {
      throw ApiProblem.invalid("the request needs a JSON body");
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw ApiProblem.invalid("the body must be a JSON object");
      }
      return n;
    } catch (StreamConstraintsException e) {
      throw ApiProblem.invalid(
          "the JSON body is over a limit: it may nest at most "
              + Json.MAX_DEPTH
              + " levels deep and a number may have at most "
              + Json.MAX_NUMBER_LENGTH
              + " digits");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiProblem.invalid(
          "the body is not valid JSON: "
              + e.getOriginalMessage()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
  }

  private static void json(ServerResponse res, int status, JsonNode body) {
    raw(res, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private static void raw(ServerResponse res, int status, String type, byte[] body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, type);
    res.send(body);
  }

  private static void text(ServerResponse res, int status, String body) {
    raw(res, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  /** A revision number or rollout id: a whole number from 1 to 2^31-1, as the API spec says. */
  private static int number(String what, String text) {
    long n = wholeNumber(what, text);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw ApiProblem.invalid(
          what + " " + n + " is out of range; it is a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  private static long wholeNumber(String what, String text) {
    if (text == null || !text.matches("[0-9]{1,18}")) {
      throw ApiProblem.invalid(
          what + " \"" + Sanitize.quote(String.valueOf(text)) + "\" is not a whole number");
    }
    return Long.parseLong(text);
  }

  // ---- endpoints

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

  private void headBlob(ServerRequest req, ServerResponse res) {
    String d = BlobStore.checkDigest(param(req, "digest"));
    if (blobs.has(d)) {
      res.header(HeaderNames.CONTENT_LENGTH, Long.toString(blobs.size(d)));
      res.status(Status.OK_200);
    } else {
      res.status(Status.NOT_FOUND_404);
    }
    res.send();
  }

  private void putBlob(ServerRequest req, ServerResponse res) throws IOException {
    String d = BlobStore.checkDigest(param(req, "digest"));
    Optional<Long> declared = req.headers().contentLength().stream().boxed().findFirst();
    if (declared.isPresent() && declared.get() > config.maxUpload()) {
      throw new ApiProblem(
          413,
          "too-large",
          "blob "
              + d
              + " ("
              + declared.get()
              + " bytes) is larger than the upload limit of "
              + config.maxUpload()
              + " bytes; raise it with wasmlet server --max-upload");
    }
    boolean created;
    try (InputStream in = req.content().inputStream()) {
      created = blobs.put(d, in, config.maxUpload());
    }
    ObjectNode o = Json.object();
    o.put("digest", d);
    o.put("size", blobs.size(d));
    json(res, created ? 201 : 200, o);
  }

  private ObjectNode summary(String app) {
    AppRecord a =
        control
            .apps()
            .app(app)
            .orElseThrow(
                () -> ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps"));
    Map<Integer, Integer> split = control.apps().traffic(app);
    ObjectNode o = Json.object();
    o.put("name", a.name());
    o.set("routing", ApiJson.routing(a.routing()));
    Optional<Integer> active =
        split.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    if (active.isPresent()) {
      o.put("activeRevision", active.get());
    } else {
      o.putNull("activeRevision");
    }
    o.setAll(ApiJson.traffic(split));
    o.put("revisions", control.apps().revisions(app).size());
    Optional<Rollout> latest = control.apps().latestRollout(app);
    if (latest.isPresent()) {
      o.set("rollout", ApiJson.rollout(latest.get()));
    } else {
      o.putNull("rollout");
    }
    o.put("healthy", control.runtime(app).map(rt -> rt.healthy).orElse(true));
    List<Rejection> rejections = control.apps().rejections(app);
    if (rejections.isEmpty()) {
      o.putNull("lastRejection");
    } else {
      o.set("lastRejection", rejections.get(0).toJson());
    }
    return o;
  }

  private void listApps(ServerRequest req, ServerResponse res) {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("apps");
    Set<String> names = new HashSet<>();
    for (AppRecord a : control.apps().apps()) {
      list.add(summary(a.name()));
      names.add(a.name());
    }
    ArrayNode refused = o.putArray("rejected");
    for (Rejection r : control.apps().latestRejections()) {
      if (!names.contains(r.app())) {
        refused.add(r.toJson());
      }
    }
    json(res, 200, o);
  }

  private void listRejections(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    List<Rejection> rejections = control.apps().rejections(app);
    if (rejections.isEmpty() && control.apps().app(app).isEmpty()) {
      throw ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps");
    }
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("rejections");
    rejections.forEach(r -> list.add(r.toJson()));
    json(res, 200, o);
  }

  private void getApp(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    ObjectNode o = summary(app);
    AppRecord a = control.apps().app(app).orElseThrow();
    ObjectNode adm = o.putObject("admission");
    adm.put("maxConcurrency", a.admission().maxConcurrency());
    adm.put("maxQueue", a.admission().maxQueue());
    ArrayNode vars = o.putArray("vars");
    control.variables().vars(app).keySet().forEach(vars::add);
    ArrayNode secrets = o.putArray("secrets");
    for (VariableStore.SecretInfo s : control.variables().secrets(app)) {
      ObjectNode so = secrets.addObject();
      so.put("name", s.name());
      so.put("version", s.version());
    }
    json(res, 200, o);
  }

  private void deleteApp(ServerRequest req, ServerResponse res) {
    control.delete(param(req, "app"));
    res.status(Status.NO_CONTENT_204);
    res.send();
  }

  private void deploy(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    JsonNode b = body(req);
    Control.DeployRequest d =
        new Control.DeployRequest(
            source(b),
            strategy(b.get("strategy")),
            routing(b.get("routing"), app),
            admission(b.get("admission")));
    json(res, 202, ApiJson.rollout(control.deploy(app, d)));
  }

  /** Whether the supply-chain policy would admit a deploy, before its files are uploaded. */
  private void reviewAdmission(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    json(res, 200, control.review(app, source(body(req))).toJson());
  }

  /** The manifest, files and artifact of a deployment body. */
  private static RevisionSource source(JsonNode b) {
    String manifest = text(b, "manifest", true).orElseThrow();
    JsonNode files = b.get("files");
    if (files == null || !files.isObject()) {
      throw ApiProblem.invalid("\"files\" must be an object of relative path to sha256 digest");
    }
    Map<String, String> fileMap = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ApiProblem.invalid(
            "files[\"" + Sanitize.quote(e.getKey()) + "\"] must be a digest string");
      }
      fileMap.put(e.getKey(), e.getValue().asText());
    }
    JsonNode artifact = b.get("artifact");
    if (artifact != null && !artifact.isObject()) {
      throw ApiProblem.invalid(
          "\"artifact\" must be an object (the artifact a deploy --from carries); leave it out"
              + " for local files");
    }
    return new RevisionSource(
        manifest,
        fileMap,
        artifact != null ? Optional.of(Artifact.fromJson(artifact)) : Optional.empty());
  }

  private static Optional<String> text(JsonNode b, String field, boolean required) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiProblem.invalid("the body needs \"" + field + "\"");
      }
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw ApiProblem.invalid("\"" + field + "\" must be a string");
    }
    return Optional.of(n.asText());
  }

  static Strategy strategy(JsonNode n) {
    if (n == null || n.isNull()) {
      return Strategy.allAtOnce();
    }
    if (!n.isObject()) {
      throw ApiProblem.invalid("\"strategy\" must be an object such as {\"type\":\"canary\"}");
    }
    Strategy.Type type = Strategy.Type.parse(text(n, "type", true).orElseThrow());
    if (type != Strategy.Type.CANARY) {
      Strategy base = Strategy.allAtOnce();
      return new Strategy(
          type,
          base.steps(),
          base.stepInterval(),
          base.maxErrorRate(),
          base.maxP99(),
          base.minRequests());
    }
    Strategy d = Strategy.canaryDefaults();
    List<Integer> steps = d.steps();
    if (n.has("steps")) {
      JsonNode s = n.get("steps");
      if (!s.isArray() || s.isEmpty()) {
        throw ApiProblem.invalid(
            "\"strategy.steps\" must be a list of percents such as [10, 50, 100]");
      }
      steps = new ArrayList<>();
      int last = 0;
      for (JsonNode p : s) {
        if (!p.isInt() || p.asInt() <= last || p.asInt() > 100) {
          throw ApiProblem.invalid(
              "\"strategy.steps\" must rise strictly within 1..100, e.g. [10, 50, 100]; got "
                  + Sanitize.quote(s.toString()));
        }
        last = p.asInt();
        steps.add(last);
      }
      if (last != 100) {
        throw ApiProblem.invalid("\"strategy.steps\" must end at 100, e.g. [10, 50, 100]");
      }
    }
    Duration interval =
        n.has("stepInterval")
            ? duration("strategy.stepInterval", n.get("stepInterval"))
            : d.stepInterval();
    Duration p99 = n.has("maxP99") ? duration("strategy.maxP99", n.get("maxP99")) : d.maxP99();
    double rate = d.maxErrorRate();
    if (n.has("maxErrorRate")) {
      JsonNode r = n.get("maxErrorRate");
      if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) {
        throw ApiProblem.invalid(
            "\"strategy.maxErrorRate\" must be a number within 0..1, e.g. 0.05");
      }
      rate = r.asDouble();
    }
    int min = d.minRequests();
    if (n.has("minRequests")) {
      JsonNode m = n.get("minRequests");
      if (!m.isInt() || m.asInt() < 1) {
        throw ApiProblem.invalid("\"strategy.minRequests\" must be a positive integer");
      }
      min = m.asInt();
    }
    return new Strategy(type, steps, interval, rate, p99, min);
  }

  static Duration duration(String field, JsonNode n) {
    String s = n.isTextual() ? n.asText().trim() : "";
    try {
      Duration d;
      if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        d = Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      } else if (s.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      } else {
        throw new NumberFormatException();
      }
      if (d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(
          "\""
              + field
              + "\" must be a duration such as \"500ms\", \"30s\" or \"5m\" (at most 24 h)");
    }
  }

  private static Optional<AppRouting> routing(JsonNode n, String app) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    List<String> hosts = new ArrayList<>();
    JsonNode h = n.get("hosts");
    if (h != null && !h.isNull()) {
      if (!h.isArray()) {
        throw ApiProblem.invalid("\"routing.hosts\" must be a list of host names");
      }
      for (JsonNode x : h) {
        String host = x.asText();
        if (!host.matches(
            "(\\*\\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*")) {
          throw ApiProblem.invalid("host \"" + Sanitize.quote(host) + "\" is not a host name");
        }
        hosts.add(host);
      }
    }
    String prefix = text(n, "prefix", false).orElse(hosts.isEmpty() ? "/" + app : "/");
    if (!prefix.matches("/|(/[A-Za-z0-9._~-]+)+")) {
      throw ApiProblem.invalid(
          "prefix \""
              + Sanitize.quote(prefix)
              + "\" must be \"/\" or like \"/shop\" (no trailing '/')");
    }
    return Optional.of(new AppRouting(hosts, prefix));
  }

  private static Optional<AdmissionLimits> admission(JsonNode n) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    JsonNode c = n.get("maxConcurrency");
    JsonNode q = n.get("maxQueue");
    if (c == null || !c.isInt() || q == null || !q.isInt()) {
      throw ApiProblem.invalid("\"admission\" needs integers maxConcurrency and maxQueue");
    }
    try {
      return Optional.of(new AdmissionLimits(c.asInt(), q.asInt()));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("admission: " + e.getMessage());
    }
  }

  private void getRollout(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    long id = number("rollout id", param(req, "id"));
    Rollout r =
        control
            .apps()
            .rollout(app, id)
            .orElseThrow(() -> ApiProblem.notFound("app \"" + app + "\" has no rollout " + id));
    json(res, 200, ApiJson.rollout(r));
  }

  private void listRevisions(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    Map<Integer, Integer> split = control.apps().traffic(app);
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("revisions");
    for (Revision r : control.apps().revisions(app)) {
      list.add(ApiJson.revision(r, split.getOrDefault(r.number(), 0)));
    }
    json(res, 200, o);
  }

  private void getRevision(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    int n = number("revision", param(req, "n"));
    Revision r =
        control
            .apps()
            .revision(app, n)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "app \""
                            + app
                            + "\" has no revision "
                            + n
                            + "; see wasmlet revisions "
                            + app));
    json(res, 200, ApiJson.revision(r, control.apps().traffic(app).getOrDefault(n, 0)));
  }

  private void rollback(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    Optional<Integer> to = Optional.empty();
    if (req.content().hasEntity()) {
      JsonNode b = body(req);
      if (b.has("to") && !b.get("to").isNull()) {
        if (!b.get("to").isInt()) {
          throw ApiProblem.invalid("\"to\" must be a revision number");
        }
        to = Optional.of(b.get("to").asInt());
      }
    }
    json(res, 202, ApiJson.rollout(control.rollback(app, to)));
  }

  private void traffic(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    JsonNode split = body(req).get("split");
    if (split == null || !split.isObject() || split.isEmpty()) {
      throw ApiProblem.invalid(
          "the body needs \"split\": an object of revision number to percent, e.g. {\"3\": 90, \"4\": 10}");
    }
    Map<Integer, Integer> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = split.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int n = number("revision", e.getKey());
      if (!e.getValue().isInt()) {
        throw ApiProblem.invalid("the percent of revision " + n + " must be a whole number");
      }
      m.put(n, e.getValue().asInt());
    }
    control.setTraffic(app, m);
    json(res, 200, summary(app));
  }

  private void listVars(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    ObjectNode o = Json.object();
    ObjectNode vars = o.putObject("vars");
    control.variables().vars(app).forEach(vars::put);
    json(res, 200, o);
  }

  private void setVar(ServerRequest req, ServerResponse res, boolean set) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    String name = Sanitize.variableName("variable", param(req, "name"));
    Optional<String> value = set ? Optional.of(value(req)) : Optional.empty();
    changed(res, control.setVariable(app, name, value));
  }

  // ---- app data (wasmlet kv, wasmlet sqlite)

  private dev.wasmlet.spin.KeyValueStore kvStore(ServerRequest req) {
    return AppDataApi.store(control, Sanitize.appName(param(req, "app")), param(req, "store"));
  }

  private static String kvKey(ServerRequest req) {
    return AppDataApi.key(req.query().first("key").asOptional())
        .orElseThrow(() -> ApiProblem.invalid("name the key: ?key=KEY"));
  }

  /** Without {@code ?key=}: every key; with it: the value, as bytes. */
  private void keyValueGet(ServerRequest req, ServerResponse res) {
    var store = kvStore(req);
    Optional<String> key = AppDataApi.key(req.query().first("key").asOptional());
    if (key.isEmpty()) {
      json(res, 200, AppDataApi.keys(store));
    } else {
      raw(res, 200, "application/octet-stream", AppDataApi.value(store, key.get()));
    }
  }

  private void keyValuePut(ServerRequest req, ServerResponse res) throws IOException {
    var store = kvStore(req);
    String key = kvKey(req);
    byte[] value;
    try (InputStream in = req.content().inputStream()) {
      value = in.readNBytes(MAX_VALUE + 1);
    }
    if (value.length > MAX_VALUE) {
      throw new ApiProblem(413, "too-large", "a value set here may be at most 16 MiB");
    }
    store.set(key, value);
    res.status(Status.NO_CONTENT_204).send();
  }

  private void keyValueDelete(ServerRequest req, ServerResponse res) {
    kvStore(req).delete(kvKey(req));
    res.status(Status.NO_CONTENT_204).send();
  }

  private void sqliteExecute(ServerRequest req, ServerResponse res) throws IOException {
    var db =
        AppDataApi.database(control, Sanitize.appName(param(req, "app")), param(req, "database"));
    json(res, 200, AppDataApi.execute(db, body(req)));
  }

  private void setSecret(ServerRequest req, ServerResponse res, boolean set) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    String name = Sanitize.variableName("secret", param(req, "name"));
    Optional<String> value = set ? Optional.of(value(req)) : Optional.empty();
    changed(res, control.setSecret(app, name, value));
  }

  private static String value(ServerRequest req) throws IOException {
    JsonNode v = body(req).get("value");
    if (v == null || !v.isTextual()) {
      throw ApiProblem.invalid("the body needs \"value\": a string");
    }
    String text = v.asText();
    if (text.length() > 64 * 1024) {
      throw new ApiProblem(413, "too-large", "a value may be at most 64 KiB");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired;
      if (Character.isHighSurrogate(c)) {
        paired = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (paired) {
          i++;
        }
      } else {
        paired = !Character.isLowSurrogate(c);
      }
      if (!paired) {
        // Stored as UTF-8, a lone surrogate would become '?': refuse rather than change the value.
        throw ApiProblem.invalid(
            "the value is not valid Unicode: it has a lone UTF-16 surrogate at character " + i);
      }
    }
    return text;
  }

  private static void changed(ServerResponse res, Optional<Rollout> rollout) {
    ObjectNode o = Json.object();
    if (rollout.isPresent()) {
      o.set("rollout", ApiJson.rollout(rollout.get()));
    } else {
      o.putNull("rollout");
    }
    json(res, 200, o);
  }

  private void listSecrets(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("secrets");
    for (VariableStore.SecretInfo s : control.variables().secrets(app)) {
      ObjectNode so = list.addObject();
      so.put("name", s.name());
      so.put("version", s.version());
      so.put("updatedAt", s.updatedAt().toString());
    }
    json(res, 200, o);
  }

  private void logs(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    long since = wholeNumber("since", req.query().first("since").orElse("0"));
    boolean follow = Boolean.parseBoolean(req.query().first("follow").orElse("false"));
    res.status(Status.OK_200);
    res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
    try (OutputStream out = res.outputStream()) {
      long seq = since;
      do {
        List<AppLogs.Line> lines = control.logs().after(app, seq, follow ? 15_000 : 0);
        for (AppLogs.Line l : lines) {
          ObjectNode o = Json.object();
          o.put("seq", l.seq());
          o.put("time", l.time().toString());
          o.put("level", l.level());
          if (l.revision() >= 0) {
            o.put("revision", l.revision());
          } else {
            o.putNull("revision");
          }
          ApiJson.putOptional(o, "requestId", Optional.ofNullable(l.requestId()));
          o.put("source", l.source());
          o.put("message", l.message());
          out.write((Json.write(o) + "\n").getBytes(StandardCharsets.UTF_8));
          seq = l.seq();
        }
        if (lines.isEmpty() && follow) {
          out.write('\n');
        }
        out.flush();
      } while (follow && !control.closing());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException | IOException e) {
      LOG.debug("log follower of {} went away: {}", app, e.toString());
    }
  }

  private void listTokens(ServerRequest req, ServerResponse res) {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("tokens");
    for (Tokens.Info t : tokens.list()) {
      ObjectNode to = list.addObject();
      to.put("id", t.id());
      to.put("name", t.name());
      to.put("createdAt", t.createdAt().toString());
      to.put("revoked", t.revokedAt().isPresent());
    }
    json(res, 200, o);
  }

  private void createToken(ServerRequest req, ServerResponse res) throws IOException {
    String name = text(body(req), "name", true).orElseThrow();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw ApiProblem.invalid(
          "token name \""
              + Sanitize.quote(name)
              + "\" must be 1-63 letters, digits, '.', '_' or '-'");
    }
    Tokens.Created t = tokens.create(name);
    ObjectNode o = Json.object();
    o.put("id", t.id());
    o.put("name", t.name());
    o.put("token", t.token());
    json(res, 201, o);
  }

  private void revokeToken(ServerRequest req, ServerResponse res) {
    tokens.revoke(param(req, "id"));
    res.status(Status.NO_CONTENT_204);
    res.send();
  }
}
