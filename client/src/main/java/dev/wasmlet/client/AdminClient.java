package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The server's admin API ({@code /api/v1}), one typed method per endpoint. Errors come back as
 * {@link ServerRefused} whose message is the server's problem detail, or {@link ServerUnreachable}
 * naming the address. Every call is bounded by a timeout except following a log.
 */
public final class AdminClient implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;

  private AdminClient(Endpoint endpoint, HttpClient http, Duration timeout) {
    this.endpoint = endpoint;
    this.http = http;
    this.timeout = timeout;
  }

  /** A client of the endpoint's server (nothing is sent until the first call). */
  public static AdminClient connect(Endpoint endpoint) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER);
    endpoint.caCertificates().ifPresent(pem -> b.sslContext(TrustedCertificates.context(pem)));
    HttpClient http = b.build();
    return new AdminClient(endpoint, http, DEFAULT_TIMEOUT);
  }

  /** The same client with another limit on each call (uploads get at least 10 minutes). */
  public AdminClient withTimeout(Duration limit) {
    return new AdminClient(endpoint, http, limit);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** Releases the connections (waits for calls in flight). */
  @Override
  public void close() {
    http.close();
  }

  // ---- server

  public ServerStatus status() {
    return ServerStatus.of(json("GET", "/api/v1/status", null));
  }

  public List<TokenInfo> tokens() {
    return Json.list(json("GET", "/api/v1/tokens", null), "tokens", TokenInfo::of);
  }

  /** Creates a token; the answer is the only time its value is shown. */
  public NewToken createToken(String name) {
    ObjectNode b = Json.object();
    b.put("name", name);
    JsonNode n = json("POST", "/api/v1/tokens", b);
    return new NewToken(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "token"));
  }

  public void revokeToken(String id) {
    json("DELETE", "/api/v1/tokens/" + segment(id), null);
  }

  // ---- blobs

  /** The stored size of a blob, or empty when the server does not have it. */
  public OptionalLong blobSize(String digest) {
    HttpResponse<byte[]> r = send(request("/api/v1/blobs/" + segment(digest), timeout).HEAD());
    if (r.statusCode() == 404) {
      return OptionalLong.empty();
    }
    check("HEAD", "/api/v1/blobs/" + digest, r);
    return OptionalLong.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  /**
   * Uploads a file as the blob with this digest.
   *
   * @param sent told the bytes sent so far, as they go
   * @return true when the server stored it, false when it had it already
   */
  public boolean putBlob(String digest, Path file, LongConsumer sent) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new PackFailed("cannot read " + file + ": " + e.getMessage(), e);
    }
    BodyPublisher body =
        BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(
                () -> {
                  try {
                    return new CountingInputStream(Files.newInputStream(file), sent);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }),
            size);
    String path = "/api/v1/blobs/" + segment(digest);
    Duration limit = timeout.compareTo(UPLOAD_TIMEOUT) > 0 ? timeout : UPLOAD_TIMEOUT;
    HttpResponse<byte[]> r =
        send(request(path, limit).header("Content-Type", "application/octet-stream").PUT(body));
    check("PUT", path, r);
    return r.statusCode() == 201;
  }

  // ---- apps

  /**
   * Asks whether the server's supply-chain policy admits a deployment, before its files are
   * uploaded (nothing is stored; a refusal is recorded like a refused deploy).
   *
   * @throws ServerRefused with problem {@code policy-rejected} and its checks when refused
   */
  public Verification reviewAdmission(String app, Deployment deployment) {
    return Verification.of(json("POST", appPath(app) + "/admission-reviews", deployment.toJson()));
  }

  /** Starts a deployment of uploaded files; follow it with {@link #rollout}. */
  public Rollout deploy(String app, Deployment deployment) {
    return Rollout.of(json("POST", appPath(app) + "/deployments", deployment.toJson()));
  }

  public Rollout rollout(String app, long id) {
    return Rollout.of(json("GET", appPath(app) + "/rollouts/" + id, null));
  }

  public List<AppSummary> apps() {
    return Json.list(json("GET", "/api/v1/apps", null), "apps", AppSummary::of);
  }

  /**
   * The newest refusal of each app name that has no app on the server (its first deploy was refused
   * by the supply-chain policy); apps that exist carry theirs in {@link AppSummary#lastRejection}.
   */
  public List<Rejection> rejectedApps() {
    return Json.list(json("GET", "/api/v1/apps", null), "rejected", Rejection::of);
  }

  /** Deploys and revisions of the app the supply-chain policy refused, newest first. */
  public List<Rejection> rejections(String app) {
    return Json.list(json("GET", appPath(app) + "/rejections", null), "rejections", Rejection::of);
  }

  public AppDetail app(String app) {
    return AppDetail.of(json("GET", appPath(app), null));
  }

  /** Drains the app, then removes it with its revisions, variables and secrets. */
  public void deleteApp(String app) {
    json("DELETE", appPath(app), null);
  }

  /** Newest first. */
  public List<Revision> revisions(String app) {
    return Json.list(json("GET", appPath(app) + "/revisions", null), "revisions", Revision::of);
  }

  public Revision revision(String app, int number) {
    return Revision.of(json("GET", appPath(app) + "/revisions/" + number, null));
  }

  /**
   * Moves traffic back to a revision.
   *
   * @param to the revision; empty means the newest earlier one that was healthy
   */
  public Rollout rollback(String app, Optional<Integer> to) {
    ObjectNode b = Json.object();
    to.ifPresent(n -> b.put("to", n));
    return Rollout.of(json("POST", appPath(app) + "/rollback", b));
  }

  /** Splits traffic between retained revisions; see {@link TrafficSplit#parse}. */
  public AppSummary traffic(String app, TrafficSplit split) {
    ObjectNode b = Json.object();
    ObjectNode s = b.putObject("split");
    split.percents().forEach((n, p) -> s.put(Integer.toString(n), p));
    return AppSummary.of(json("PUT", appPath(app) + "/traffic", b));
  }

  // ---- variables and secrets

  public Map<String, String> vars(String app) {
    return Json.map(json("GET", appPath(app) + "/vars", null), "vars", JsonNode::asText);
  }

  /**
   * Sets a variable: no change when it has that value already, else the rollout of the new revision
   * it starts, if the app is deployed.
   */
  public ValueChange setVar(String app, String name, String value) {
    return set(appPath(app) + "/vars/" + segment(Names.variable("variable", name)), value);
  }

  public Optional<Rollout> removeVar(String app, String name) {
    return changed(
        "DELETE", appPath(app) + "/vars/" + segment(Names.variable("variable", name)), null);
  }

  /** Names and versions only: the server never sends a secret's value. */
  public List<SecretInfo> secrets(String app) {
    return Json.list(json("GET", appPath(app) + "/secrets", null), "secrets", SecretInfo::of);
  }

  /** Sets a secret (the value goes only into this request's body), as {@link #setVar}. */
  public ValueChange setSecret(String app, String name, String value) {
    return set(appPath(app) + "/secrets/" + segment(Names.variable("secret", name)), value);
  }

  public Optional<Rollout> removeSecret(String app, String name) {
    return changed(
        "DELETE", appPath(app) + "/secrets/" + segment(Names.variable("secret", name)), null);
  }

  private ValueChange set(String path, String value) {
    ObjectNode b = Json.object();
    b.put("value", value);
    JsonNode n = json("PUT", path, b);
    return new ValueChange(
        n.path("changed").asBoolean(true), // a server from before it said so always changed
        n.hasNonNull("rollout") ? Optional.of(Rollout.of(n.get("rollout"))) : Optional.empty());
  }

  private Optional<Rollout> changed(String method, String path, String value) {
    ObjectNode b = null;
    if (value != null) {
      b = Json.object();
      b.put("value", value);
    }
    JsonNode n = json(method, path, b);
    return n.hasNonNull("rollout") ? Optional.of(Rollout.of(n.get("rollout"))) : Optional.empty();
  }

  // ---- logs

  /**
   * Reads an app's log lines after {@code since}, in order. Without {@code follow} it returns at
   * the end of the retained lines; with it, it returns only when the server ends the stream (the
   * caller interrupts the thread or closes the process to stop).
   */
  public void logs(String app, long since, boolean follow, Consumer<LogLine> sink) {
    String path = appPath(app) + "/logs?since=" + since + "&follow=" + follow;
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (!follow) {
      b.timeout(timeout);
    }
    endpoint.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    HttpResponse<InputStream> r = exchange(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() >= 300) {
        throw refused("GET", path, r.statusCode(), in.readNBytes(64 * 1024));
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          sink.accept(LogLine.of(Json.parse(line.getBytes(StandardCharsets.UTF_8), "GET " + path)));
        }
      }
    } catch (IOException e) {
      throw unreachable("the log stream broke: " + e.getMessage(), e);
    }
  }

  // ---- plumbing

  // ---- app data: wasmlet kv, wasmlet sqlite

  private static String kvPath(String app, String store) {
    return appPath(app) + "/key-value/" + segment(store);
  }

  /** The keys of key-value store {@code store} of {@code app}. */
  public List<String> keys(String app, String store) {
    return Json.list(json("GET", kvPath(app, store), null), "keys", JsonNode::asText);
  }

  /** The value at {@code key}, or empty when the store has none. */
  public Optional<byte[]> value(String app, String store, String key) {
    String path = kvPath(app, store) + "?key=" + segment(key);
    HttpResponse<byte[]> r = send(request(path, timeout).GET());
    if (r.statusCode() == 404
        && new String(r.body(), StandardCharsets.UTF_8).contains("has no key")) {
      return Optional.empty();
    }
    check("GET", path, r);
    return Optional.of(r.body());
  }

  public void setValue(String app, String store, String key, byte[] value) {
    String path = kvPath(app, store) + "?key=" + segment(key);
    HttpResponse<byte[]> r =
        send(
            request(path, timeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(value)));
    check("PUT", path, r);
  }

  public void deleteValue(String app, String store, String key) {
    json("DELETE", kvPath(app, store) + "?key=" + segment(key), null);
  }

  /** Runs one SQL statement on database {@code database} of {@code app}: {columns, rows, ...}. */
  public JsonNode sql(String app, String database, String statement) {
    ObjectNode body = Json.object();
    body.put("statement", statement);
    return json("POST", appPath(app) + "/sqlite/" + segment(database), body);
  }

  private static String appPath(String app) {
    return "/api/v1/apps/" + Names.app(app);
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path) {
    return URI.create(endpoint.server() + path);
  }

  private HttpRequest.Builder request(String path, Duration limit) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(limit);
    endpoint.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private JsonNode json(String method, String path, JsonNode body) {
    HttpRequest.Builder b = request(path, timeout).header("Accept", "application/json");
    if (body == null) {
      b.method(method, BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, BodyPublishers.ofString(Json.write(body)));
    }
    HttpResponse<byte[]> r = send(b);
    check(method, path, r);
    if (r.statusCode() == 204 || r.body().length == 0) {
      return Json.object();
    }
    return Json.parse(r.body(), method + " " + path);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b) {
    return exchange(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(
          "it did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw unreachable(
          "it did not answer "
              + req.method()
              + " "
              + req.uri().getRawPath()
              + " within "
              + req.timeout().orElse(timeout).toSeconds()
              + " s",
          e);
    } catch (ConnectException e) {
      if (hasCause(e, UnresolvedAddressException.class)) {
        throw unreachable("its host name does not resolve", e);
      }
      throw unreachable("connection refused: nothing is listening there", e);
    } catch (IOException e) {
      if (hasCause(e, UncheckedIOException.class)) {
        throw new PackFailed("cannot read a file to upload: " + e.getMessage(), e);
      }
      if (hasCause(e, javax.net.ssl.SSLHandshakeException.class)) {
        throw new ServerUnreachable(
            "cannot reach the wasmlet server at "
                + endpoint.server()
                + " over TLS: its certificate is not trusted ("
                + e.getMessage()
                + "); if it is self-signed or from a private CA, set WASMLET_CACERT to its PEM"
                + " certificate",
            e);
      }
      throw unreachable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted while waiting for the server", e);
    }
  }

  private ServerUnreachable unreachable(String why, Throwable cause) {
    String hint =
        endpoint.origin().equals("the default")
            ? "; start one with `wasmlet server`, or choose another with --server or --context"
            : "; is `wasmlet server` running there? (address from "
                + endpoint.origin()
                + "; choose another with --server or --context)";
    return new ServerUnreachable(
        "cannot reach the wasmlet server at " + endpoint.server() + ": " + why + hint, cause);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private void check(String method, String path, HttpResponse<byte[]> r) {
    if (r.statusCode() >= 300) {
      throw refused(method, path, r.statusCode(), r.body() == null ? new byte[0] : r.body());
    }
  }

  private ServerRefused refused(String method, String path, int status, byte[] body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body);
      if (n != null && n.hasNonNull("detail")) {
        String type = Json.optionalText(n, "type").orElse("unknown");
        return new ServerRefused(
            status,
            type.substring(type.lastIndexOf('/') + 1),
            n.get("detail").asText(),
            Rejection.checks(n));
      }
    } catch (IOException e) {
      // not a problem document: described below
    }
    return new ServerRefused(
        status,
        "unknown",
        "the server answered "
            + status
            + " to "
            + method
            + " "
            + path
            + " without a problem document; is "
            + endpoint.server()
            + " a wasmlet admin API (default port 7070) and not the app gateway?");
  }
}
