package dev.wasmlet.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** Calls a server's admin API over real HTTP, as a test client (every response is kept). */
public final class TestAdmin {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;
  private final StringBuilder transcript = new StringBuilder();

  public TestAdmin(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The admin API's base URL, e.g. {@code http://127.0.0.1:7070}. */
  public String base() {
    return base;
  }

  /** The bearer token it sends. */
  public String token() {
    return token;
  }

  /** A response with its body as text. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Reply call(String method, String path, String body) {
    return callAs(token, method, path, body);
  }

  public Reply callAs(String bearer, String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return send(b.build());
  }

  public Reply putBytes(String path, byte[] bytes) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  private Reply send(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      synchronized (transcript) {
        transcript.append(req.method()).append(' ').append(req.uri()).append(" -> ");
        transcript.append(r.statusCode()).append(' ').append(r.body()).append('\n');
      }
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(req.method() + " " + req.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every response body this client has seen. */
  public String transcript() {
    synchronized (transcript) {
      return transcript.toString();
    }
  }

  /** Uploads every file of the app directory and posts the deployment; returns the rollout. */
  public JsonNode deploy(String app, Path dir, String extraJson) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    body.set("files", upload(dir));
    if (extraJson != null) {
      body.setAll((ObjectNode) JSON.readTree(extraJson));
    }
    Reply r = call("POST", "/api/v1/apps/" + app + "/deployments", JSON.writeValueAsString(body));
    if (r.status() != 202) {
      throw new AssertionError("deploy failed: " + r.status() + " " + r.body());
    }
    return r.json();
  }

  /**
   * Uploads every file of the app directory the server lacks; returns the deployment's {@code
   * files} object (relative path to digest).
   */
  public ObjectNode upload(Path dir) throws IOException {
    ObjectNode files = JSON.createObjectNode();
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : all) {
      byte[] bytes = Files.readAllBytes(f);
      String digest = digest(bytes);
      Reply head = call("HEAD", "/api/v1/blobs/" + digest, null);
      if (head.status() == 404) {
        Reply put = putBytes("/api/v1/blobs/" + digest, bytes);
        if (put.status() != 201 && put.status() != 200) {
          throw new AssertionError("upload failed: " + put.status() + " " + put.body());
        }
      }
      files.put(dir.relativize(f).toString(), digest);
    }
    return files;
  }

  /** Waits until the rollout ends and returns its final record. */
  public JsonNode awaitRollout(String app, JsonNode rollout, Duration limit) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              JsonNode r =
                  call(
                          "GET",
                          "/api/v1/apps/" + app + "/rollouts/" + rollout.get("id").asLong(),
                          null)
                      .json();
              last.set(r);
              String s = r.get("state").asText();
              return !s.equals("pending") && !s.equals("progressing");
            });
    return last.get();
  }

  public static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
