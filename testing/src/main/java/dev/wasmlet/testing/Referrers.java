package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Attaches a document to an artifact on a plain-HTTP registry over the distribution API directly
 * (not through the trust module): an OCI 1.1 artifact manifest whose {@code subject} is the
 * artifact, listed in the referrers tag-fallback index {@code sha256-<hex>} as Wasmlet's own
 * attachments are (with the {@code dev.wasmlet.subject} annotation), so it is found by subject
 * discovery and by the fallback index alike. How another signer's tool would attach a bundle.
 */
public final class Referrers {
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String EMPTY = "application/vnd.oci.empty.v1+json";
  private static final String SUBJECT_ANNOTATION = "dev.wasmlet.subject";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Referrers() {}

  /**
   * Attaches {@code document} to {@code repository@subjectDigest} on {@code registry} (host:port).
   *
   * @return the attachment manifest's digest
   */
  public static String attach(
      String registry,
      String repository,
      String subjectDigest,
      String artifactType,
      byte[] document)
      throws IOException, InterruptedException {
    String base = "http://" + registry + "/v2/" + repository;
    HttpResponse<byte[]> subject =
        send(
            HttpRequest.newBuilder(URI.create(base + "/manifests/" + subjectDigest))
                .header("Accept", MANIFEST));
    assertThat(subject.statusCode()).as("subject manifest " + subjectDigest).isEqualTo(200);
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    upload(base, empty);
    upload(base, document);

    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MANIFEST);
    m.put("artifactType", artifactType);
    m.set("config", descriptor(EMPTY, empty));
    m.putArray("layers").add(descriptor(artifactType, document));
    ObjectNode s = m.putObject("subject");
    s.put("mediaType", subject.headers().firstValue("Content-Type").orElse(MANIFEST));
    s.put("digest", subjectDigest);
    s.put("size", subject.body().length);
    m.putObject("annotations").put(SUBJECT_ANNOTATION, subjectDigest);
    byte[] manifest = JSON.writeValueAsBytes(m);
    String digest = sha256(manifest);
    put(base + "/manifests/" + digest, MANIFEST, manifest);

    String tag = subjectDigest.replace(':', '-');
    HttpResponse<byte[]> existing =
        send(
            HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag)).header("Accept", INDEX));
    ObjectNode index;
    if (existing.statusCode() == 200) {
      index = (ObjectNode) JSON.readTree(existing.body());
    } else {
      assertThat(existing.statusCode()).as("fallback index " + tag).isEqualTo(404);
      index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", INDEX);
      index.putArray("manifests");
    }
    ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
    entry.put("mediaType", MANIFEST);
    entry.put("digest", digest);
    entry.put("size", manifest.length);
    entry.put("artifactType", artifactType);
    entry.putObject("annotations").put(SUBJECT_ANNOTATION, subjectDigest);
    put(base + "/manifests/" + tag, INDEX, JSON.writeValueAsBytes(index));
    return digest;
  }

  /** The bytes of a manifest or blob at {@code path} under {@code /v2/REPOSITORY/}. */
  public static byte[] get(String registry, String repository, String path, String accept)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(
                    URI.create("http://" + registry + "/v2/" + repository + "/" + path))
                .header("Accept", accept));
    assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
    return r.body();
  }

  private static void upload(String base, byte[] blob) throws IOException, InterruptedException {
    HttpResponse<byte[]> start =
        send(
            HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(start.statusCode()).as("start upload").isEqualTo(202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI uri = URI.create(base).resolve(location);
    String sep = uri.getQuery() == null ? "?" : "&";
    put(uri + sep + "digest=" + sha256(blob), "application/octet-stream", blob);
  }

  private static void put(String url, String type, byte[] body)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(r.statusCode())
        .as("PUT %s: %s", url, new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(201);
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static ObjectNode descriptor(String mediaType, byte[] content) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", sha256(content));
    d.put("size", content.length);
    return d;
  }

  private static String sha256(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
