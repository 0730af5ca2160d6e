package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's {@code docker-registry} (distribution v2.8) on 127.0.0.1 and a free port, configured by
 * a file under the test's temp directory, optionally with htpasswd basic auth or with bearer token
 * auth against a {@link TokenServer}; or, for the OCI 1.1 referrers API that distribution 2.8
 * lacks, go-containerregistry's registry ({@link #startWithReferrers}). Stopped by its own pid. Its
 * log (stdout and stderr) goes to {@code registry.log}.
 */
public final class LocalRegistry implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static LocalRegistry start(Path dir) throws IOException {
    return start(dir, null, null);
  }

  public static LocalRegistry start(Path dir, String user, String password) throws IOException {
    Files.createDirectories(dir);
    StringBuilder auth = new StringBuilder();
    if (user != null) {
      Path htpasswd = dir.resolve("htpasswd");
      Process p =
          new ProcessBuilder(Tools.require("htpasswd"), "-Bbn", user, password)
              .redirectOutput(htpasswd.toFile())
              .start();
      try {
        assertThat(p.waitFor()).as("htpasswd -Bbn exit code").isZero();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      auth.append("auth:\n  htpasswd:\n    realm: wasmlet-test\n    path: ").append(htpasswd);
      auth.append('\n');
    }
    return serve(dir, auth.toString());
  }

  /**
   * A registry that answers 401 with a {@code Bearer} challenge naming {@code tokens}' realm and
   * service, and accepts only JWTs from its issuer and for its service whose {@code x5c} chains to
   * its certificate ({@code auth.token} with {@code rootcertbundle}).
   */
  public static LocalRegistry startWithTokenAuth(Path dir, TokenServer tokens) throws IOException {
    Files.createDirectories(dir);
    return serve(
        dir,
        "auth:\n  token:\n"
            + "    realm: "
            + tokens.realm()
            + "\n    service: "
            + tokens.service()
            + "\n    issuer: "
            + tokens.issuer()
            + "\n    rootcertbundle: "
            + tokens.rootCertBundle()
            + "\n");
  }

  /**
   * A registry with the OCI 1.1 referrers API (go-containerregistry's, built by
   * scripts/referrers-registry.sh), blobs under {@code dir}, no auth.
   */
  public static LocalRegistry startWithReferrers(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("blobs"));
    String binary;
    try {
      binary =
          Tools.run(dir, "bash", Tools.root().resolve("scripts/referrers-registry.sh").toString())
              .lines()
              .reduce((a, b) -> b)
              .orElseThrow()
              .trim();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    int port = freePort();
    return started(
        new ProcessBuilder(
            binary, "--address", "127.0.0.1:" + port, "--disk", dir.resolve("blobs").toString()),
        port,
        dir.resolve("registry.log"),
        "referrers-registry");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static LocalRegistry serve(Path dir, String auth) throws IOException {
    String binary = Tools.require("docker-registry");
    int port = freePort();
    String config =
        "version: 0.1\n"
            + "log:\n  level: info\n  accesslog:\n    disabled: false\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data")
            + "\n  delete:\n    enabled: true\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n"
            + auth;
    Path configFile = dir.resolve("config.yml");
    Files.writeString(configFile, config);
    return started(
        new ProcessBuilder(binary, "serve", configFile.toString()),
        port,
        dir.resolve("registry.log"),
        "docker-registry");
  }

  private static LocalRegistry started(ProcessBuilder pb, int port, Path log, String name)
      throws IOException {
    Process process = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalRegistry r = new LocalRegistry(process, port, log);
    HttpClient http = HttpClient.newHttpClient();
    try {
      await(name + " answering on port " + port)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () -> {
                assertThat(process.isAlive()).as(name + " alive; see " + log).isTrue();
                int status =
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                return status == 200 || status == 401;
              });
    } catch (RuntimeException | Error e) {
      try {
        r.close();
      } catch (InterruptedException i) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    return r;
  }

  /** {@code 127.0.0.1:PORT}, the registry part of a reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** Blob uploads the registry has started so far (each {@code POST .../blobs/uploads/}). */
  public long uploadsStarted() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return lines.stream()
        .filter(l -> l.contains("\"POST /v2/") && l.contains("/blobs/uploads/"))
        .count();
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
