package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API over HTTPS: a real `wasmlet server` process with a certificate made by openssl,
 * real client commands that trust it through WASMLET_CACERT, and refuse it without.
 */
class AdminTlsIT {
  @TempDir Path tmp;

  private static List<String> java(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs a client command to its end; answers its exit code and output. */
  private static CliRun client(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(java(args)).redirectErrorStream(true);
    pb.environment().remove("WASMLET_CACERT");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliRun(p.exitValue(), out, "");
  }

  @Test
  void theAdminApiServesHttpsAndClientsTrustItOnlyWhenTold() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    Tools.run(
        tmp,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=wasmlet-test",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    Path data = tmp.resolve("data");
    List<String> lines = ServerNode.newOutput();
    try (ServerNode server =
        ServerNode.start(
            data,
            lines,
            List.of(),
            List.of("--admin-tls-cert", cert.toString(), "--admin-tls-key", key.toString()))) {
      int port = server.adminPort();
      String base = "https://127.0.0.1:" + port;
      String token = data.resolve("admin.token").toString();

      CliRun trusted =
          client(
              Map.of("WASMLET_CACERT", cert.toString()),
              "apps",
              "--server",
              base,
              "--token",
              Files.readString(Path.of(token)).trim());
      assertThat(trusted.code()).as(trusted.toString()).isZero();

      CliRun untrusted =
          client(
              Map.of(),
              "apps",
              "--server",
              base,
              "--token",
              Files.readString(Path.of(token)).trim());
      assertThat(untrusted.code()).as(untrusted.toString()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(untrusted.out())
          .contains("its certificate is not trusted")
          .contains("set WASMLET_CACERT");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      boolean plainAnswered;
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        plainAnswered = true;
      } catch (IOException e) {
        plainAnswered = false;
      }
      assertThat(plainAnswered).as("plain HTTP on the TLS listener").isFalse();
      assertThat(String.join("\n", lines)).contains("admin API on https://");
      assertThat(String.join("\n", lines)).doesNotContain("warning: the admin API listens");
    }
  }

  @Test
  void halfATlsConfigurationOrABadKeyIsRefusedBeforeServing() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Files.writeString(cert, "not a certificate\n");
    CliRun half =
        client(
            Map.of(),
            "server",
            "--data",
            tmp.resolve("d1").toString(),
            "--listen",
            "127.0.0.1:0",
            "--admin-listen",
            "127.0.0.1:0",
            "--admin-tls-cert",
            cert.toString());
    assertThat(half.code()).as(half.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(half.out()).contains("give both --admin-tls-cert and --admin-tls-key");

    CliRun bad =
        client(
            Map.of(),
            "server",
            "--data",
            tmp.resolve("d2").toString(),
            "--listen",
            "127.0.0.1:0",
            "--admin-listen",
            "127.0.0.1:0",
            "--admin-tls-cert",
            cert.toString(),
            "--admin-tls-key",
            cert.toString());
    assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.CANNOT_SERVE);
    assertThat(bad.out()).contains("as the admin API's certificate chain");
  }
}
