package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.control.ServerConfig;
import dev.wasmlet.control.WasmletServer;
import dev.wasmlet.trust.LocalRegistry;
import dev.wasmlet.trust.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasmlet push}, {@code pull} and {@code up --from REF} against a real docker-registry. */
class PushPullIT {
  @TempDir Path tmp;

  @Test
  void pushedAppIsPulledAndServedFromTheRegistry() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/cli/hello:1.0";
      String store = tmp.resolve("store").toString();
      String dir = Tools.root().resolve("examples/hello-c").toString();

      CliRun push = CliRun.of("push", dir, ref, "--insecure");
      assertThat(push.code()).as("%s", push).isZero();
      String digest = push.out().lines().reduce((a, b) -> b).orElseThrow();
      assertThat(digest).matches("sha256:[0-9a-f]{64}");

      CliRun again = CliRun.of("push", dir, ref, "--insecure");
      assertThat(again.out()).contains("0 blobs sent, 0 bytes").endsWith(digest + "\n");

      CliRun pull = CliRun.of("pull", ref, "--insecure", "--store", store);
      assertThat(pull.code()).as("%s", pull).isZero();
      assertThat(pull.out()).startsWith(digest + "\n").contains("app directory: " + store);
      assertThat(Files.readAllBytes(Path.of(store, "apps", digest.substring(7), "hello.wasm")))
          .isEqualTo(Files.readAllBytes(Path.of(dir, "hello.wasm")));

      CliRun up =
          CliRun.of(
              "up",
              "--from",
              ref,
              "--insecure",
              "--store",
              store,
              "--check",
              "--listen",
              "127.0.0.1:0",
              "--cache-dir",
              tmp.resolve("cache").toString());
      assertThat(up.code()).as("%s", up).isZero();
      assertThat(up.out()).contains("serving app \"hello-c\"").contains("check passed");
    }
  }

  @Test
  void anAppIsDeployedToAServerStraightFromTheRegistry() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        WasmletServer server =
            WasmletServer.start(
                ServerConfig.builder()
                    .withDataDir(tmp.resolve("data"))
                    .withListen("127.0.0.1", 0)
                    .withAdminListen("127.0.0.1", 0)
                    .build())) {
      String ref = registry.address() + "/cli/hello:2.0";
      String dir = Tools.root().resolve("examples/hello-c").toString();
      assertThat(CliRun.of("push", dir, ref, "--insecure").code()).isZero();

      CliRun deploy =
          CliRun.of(
              "deploy",
              "--from",
              ref,
              "--insecure",
              "--store",
              tmp.resolve("store").toString(),
              "--name",
              "hello",
              "--server",
              "http://127.0.0.1:" + server.adminPort(),
              "--token",
              Files.readString(server.tokenFile()).trim());
      assertThat(deploy.code()).as("%s", deploy).isZero();
      assertThat(deploy.err()).contains("pulled ");
      HttpResponse<String> res =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.gatewayPort() + "/hello/hello"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).isEqualTo("Hello from Wasmlet!\n");
    }
  }

  @Test
  void aSignedArtifactVerifiesAndAnUnknownKeyIsRejectedAtItsCheck() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/signed/hello:1.0";
      String dir = Tools.root().resolve("examples/hello-c").toString();
      assertThat(CliRun.of("push", dir, ref, "--insecure").code()).isZero();
      String ours = tmp.resolve("ours").toString();
      String theirs = tmp.resolve("theirs").toString();
      CliRun gen = CliRun.of("keys", "generate", "--name", ours);
      assertThat(gen.code()).as("%s", gen).isZero();
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(Path.of(ours + ".key"))))
          .isEqualTo("rw-------");
      assertThat(CliRun.of("keys", "generate", "--name", theirs).code()).isZero();

      Path policy = tmp.resolve("policy.toml");
      Path wrongPolicy = tmp.resolve("wrong.toml");
      String common =
          "requireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n"
              + "allowUnsignedLocal = false\n";
      Files.writeString(policy, "trustedKeys = [\"" + ours + ".pub\"]\n" + common);
      Files.writeString(wrongPolicy, "trustedKeys = [\"" + theirs + ".pub\"]\n" + common);

      CliRun unsigned = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(unsigned.code()).as("%s", unsigned).isEqualTo(ExitCodes.REFUSED);
      assertThat(unsigned.err()).contains("signature-present");

      CliRun sign = CliRun.of("sign", ref, "--insecure", "--key", ours + ".key");
      assertThat(sign.code()).as("%s", sign).isZero();

      CliRun ok = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(ok.out()).contains("signature-valid").contains("verified ");

      CliRun wrong = CliRun.of("verify", ref, "--insecure", "--policy", wrongPolicy.toString());
      assertThat(wrong.code()).as("%s", wrong).isEqualTo(ExitCodes.REFUSED);
      assertThat(wrong.err()).contains("key-trusted");

      String store = tmp.resolve("store").toString();
      String cache = tmp.resolve("cache").toString();
      CliRun refused =
          CliRun.of(
              "up",
              "--from",
              ref,
              "--insecure",
              "--store",
              store,
              "--policy",
              wrongPolicy.toString(),
              "--check",
              "--listen",
              "127.0.0.1:0",
              "--cache-dir",
              cache);
      assertThat(refused.code()).as("%s", refused).isEqualTo(ExitCodes.REFUSED);
      assertThat(refused.out()).doesNotContain("serving app");
      assertThat(Path.of(store, "apps")).doesNotExist();
      CliRun served =
          CliRun.of(
              "up",
              "--from",
              ref,
              "--insecure",
              "--store",
              store,
              "--policy",
              policy.toString(),
              "--check",
              "--listen",
              "127.0.0.1:0",
              "--cache-dir",
              cache);
      assertThat(served.code()).as("%s", served).isZero();
      assertThat(served.out()).contains("signature-valid").contains("check passed");
    }
  }

  @Test
  void plainHttpToARemoteRegistryIsAUsageError() {
    CliRun pull = CliRun.of("pull", "registry.example.com/a/b:1", "--insecure");
    assertThat(pull.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(pull.err()).contains("plain HTTP (--insecure) is allowed only for a registry on");
  }
}
