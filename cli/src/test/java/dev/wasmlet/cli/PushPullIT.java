package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.control.ServerConfig;
import dev.wasmlet.control.WasmletServer;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
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

  /** {@code wasmlet up --from REF --check}: pulls into {@code store}, serves, checks, exits. */
  private CliRun upFromChecked(String ref, String store) throws Exception {
    return CliRun.of(
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
  }

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

      CliRun up = upFromChecked(ref, store);
      assertThat(up.code()).as("%s", up).isZero();
      assertThat(up.out()).contains("serving app \"hello-c\"").contains("check passed");
    }
  }

  @Test
  void aComponentAppRoundTripsThroughTheRegistryAndServesAsWasiHttp() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/cli/hello-component:1.0";
      String store = tmp.resolve("store").toString();
      String dir = Tools.root().resolve("examples/hello-component").toString();

      CliRun push = CliRun.of("push", dir, ref, "--insecure");
      assertThat(push.code()).as("%s", push).isZero();
      String digest = push.out().lines().reduce((a, b) -> b).orElseThrow();

      CliRun pull = CliRun.of("pull", ref, "--insecure", "--store", store);
      assertThat(pull.code()).as("%s", pull).isZero();
      Path app = Path.of(store, "apps", digest.substring(7));
      assertThat(Files.readAllBytes(app.resolve("hello.wasm")))
          .isEqualTo(Files.readAllBytes(Path.of(dir, "hello.wasm")));
      assertThat(Files.readString(app.resolve("wasmlet.toml")))
          .as("a wasi:http trigger carries no executor, Spin's default")
          .doesNotContain("executor =");

      CliRun up = upFromChecked(ref, store);
      assertThat(up.code()).as("%s", up).isZero();
      assertThat(up.out()).contains("serving app \"hello-component\"").contains("check passed");
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
      String ours = PolicyFiles.key(tmp, "ours");
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(Path.of(ours + ".key"))))
          .isEqualTo("rw-------");
      String theirs = PolicyFiles.key(tmp, "theirs");

      String common =
          "requireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n"
              + "allowUnsignedLocal = false\n";
      Path policy = PolicyFiles.policy(tmp.resolve("policy.toml"), ours, common);
      Path wrongPolicy = PolicyFiles.policy(tmp.resolve("wrong.toml"), theirs, common);

      CliRun unsigned = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(unsigned.code()).as("%s", unsigned).isEqualTo(ExitCodes.REFUSED);
      assertThat(unsigned.err()).contains("signature-present");
      CliRun unsignedJson =
          CliRun.of("verify", ref, "--insecure", "--policy", policy.toString(), "-o", "json");
      assertThat(unsignedJson.code()).isEqualTo(ExitCodes.REFUSED);
      com.fasterxml.jackson.databind.JsonNode refusedDoc =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(unsignedJson.out());
      assertThat(refusedDoc.get("verified").asBoolean()).isFalse();
      assertThat(refusedDoc.at("/checks/1/name").asText()).isEqualTo("signature-present");
      assertThat(refusedDoc.at("/checks/1/passed").asBoolean()).isFalse();

      CliRun sign = CliRun.of("sign", ref, "--insecure", "--key", ours + ".key");
      assertThat(sign.code()).as("%s", sign).isZero();

      CliRun ok = CliRun.of("verify", ref, "--insecure", "--policy", policy.toString());
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(ok.out()).contains("signature-valid").contains("verified ");
      CliRun okJson =
          CliRun.of("verify", ref, "--insecure", "--policy", policy.toString(), "--output", "json");
      assertThat(okJson.code()).as("%s", okJson).isZero();
      com.fasterxml.jackson.databind.JsonNode okDoc =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(okJson.out());
      assertThat(okDoc.get("verified").asBoolean()).isTrue();
      assertThat(okDoc.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
      assertThat(okDoc.get("checks").findValuesAsText("name"))
          .contains("registry-allowed", "key-trusted", "signature-valid", "subject-matches");

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
  void pushWithAKeyAttachesASignedProvenanceThatThePolicyChecks() throws Exception {
    Path app = gitCheckout("app", "https://bot:hunter2@git.example/acme/hello.git");
    String commit = git(app, "rev-parse", "HEAD");
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/prov/hello:1.0";
      String key = PolicyFiles.key(tmp, "ci");
      CliRun push =
          CliRun.of(
              "push",
              app.toString(),
              ref,
              "--insecure",
              "--key",
              key + ".key",
              "--builder-id",
              "https://ci.acme.example/runner");
      assertThat(push.code()).as("%s", push).isZero();
      assertThat(push.out())
          .contains("provenance: builder https://ci.acme.example/runner, source")
          .contains("https://git.example/acme/hello.git@" + commit)
          .doesNotContain("hunter2");
      assertThat(push.err()).doesNotContain("uncommitted changes");
      String digest = push.out().lines().reduce((a, b) -> b).orElseThrow();

      String base = "requireProvenance = true\nallowedRegistries = [\"127.0.0.1:*\"]\n";
      Path good = tmp.resolve("good.toml");
      PolicyFiles.policy(
          good,
          key,
          base
              + "allowedBuilders = [\"https://ci.acme.example/runner\"]\n"
              + "allowedSources = [\"https://git.example/acme/*\"]\n");
      CliRun ok = CliRun.of("verify", ref, "--insecure", "--policy", good.toString());
      assertThat(ok.code()).as("%s", ok).isZero();
      assertThat(ok.out())
          .contains("provenance-subject-matches")
          .contains("builder https://ci.acme.example/runner is allowed")
          .contains("source https://git.example/acme/hello.git matches allowed pattern");

      Path otherSource = tmp.resolve("other-source.toml");
      PolicyFiles.policy(
          otherSource,
          key,
          base
              + "allowedBuilders = [\"https://ci.acme.example/runner\"]\n"
              + "allowedSources = [\"https://git.example/other/*\"]\n");
      CliRun source = CliRun.of("verify", ref, "--insecure", "--policy", otherSource.toString());
      assertThat(source.code()).as("%s", source).isEqualTo(ExitCodes.REFUSED);
      assertThat(source.err())
          .contains(
              "source-trusted: source https://git.example/acme/hello.git matches no allowed"
                  + " source pattern");

      Path otherBuilder = tmp.resolve("other-builder.toml");
      PolicyFiles.policy(
          otherBuilder,
          key,
          base
              + "allowedBuilders = [\"https://wasmlet.dev/builders/cli/v1\"]\n"
              + "allowedSources = [\"https://git.example/acme/*\"]\n");
      CliRun builder = CliRun.of("verify", ref, "--insecure", "--policy", otherBuilder.toString());
      assertThat(builder.code()).as("%s", builder).isEqualTo(ExitCodes.REFUSED);
      assertThat(builder.err())
          .contains("builder-trusted: builder https://ci.acme.example/runner is not an allowed");

      // What the provenance says: the command, and every file pushed with its digest.
      dev.wasmlet.trust.Reference r = dev.wasmlet.trust.Reference.parse(ref);
      dev.wasmlet.trust.Registry reg =
          dev.wasmlet.trust.Registry.builder(r).withInsecure(true).build();
      java.util.List<byte[]> bundles =
          dev.wasmlet.trust.Attachments.find(
              reg, r.repository(), digest, VerifyCommand.PROVENANCE_TYPE);
      assertThat(bundles).hasSize(1);
      com.fasterxml.jackson.databind.JsonNode statement =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(
                  dev.wasmlet.signing.SigstoreBundle.parse(bundles.get(0)).envelope().payload());
      dev.wasmlet.testing.ProvenanceSchema.assertValid(statement);
      assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(digest.substring(7));
      com.fasterxml.jackson.databind.JsonNode def = statement.at("/predicate/buildDefinition");
      assertThat(def.at("/externalParameters/buildCommand").asText())
          .startsWith("wasmlet push " + app + " " + ref);
      assertThat(def.at("/externalParameters/source/commit").asText()).isEqualTo(commit);
      String wasm =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(Files.readAllBytes(app.resolve("hello.wasm"))));
      assertThat(def.get("resolvedDependencies").toString())
          .contains("\"uri\":\"file:hello.wasm\",\"digest\":{\"sha256\":\"" + wasm + "\"}")
          .contains("file:wasmlet.toml")
          .doesNotContain("hunter2");
    }
  }

  @Test
  void aServerWithAPolicyDeploysOnlySignedArtifactsAndShowsWhatItRefused() throws Exception {
    String key = PolicyFiles.key(tmp, "ci");
    String other = PolicyFiles.key(tmp, "other");
    String rest =
        "requireProvenance = true\nallowedBuilders = [\"https://wasmlet.dev/builders/cli/v1\"]\n"
            + "allowedSources = [\"https://git.example/acme/*\"]\nallowedRegistries = [\"127.0.0.1:*\"]\n";
    Path trusting = PolicyFiles.policy(tmp.resolve("policy.toml"), key, rest);
    Path untrusting = PolicyFiles.policy(tmp.resolve("untrusting.toml"), other, rest);
    String dir = gitCheckout("hello", "https://git.example/acme/hello.git").toString();
    Path data = tmp.resolve("data");
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String signed = registry.address() + "/policy/hello:signed";
      assertThat(CliRun.of("push", dir, signed, "--insecure", "--key", key + ".key").code())
          .isZero();
      // another app pushed without a key: its digest has no bundles
      String rustDir = Tools.root().resolve("examples/echo-c").toString();
      String bare = registry.address() + "/policy/rust:1";
      assertThat(CliRun.of("push", rustDir, bare, "--insecure").code()).isZero();

      try (WasmletServer server = policyServer(data, trusting)) {
        String[] to = {
          "--server",
          "http://127.0.0.1:" + server.adminPort(),
          "--token",
          Files.readString(server.tokenFile()).trim()
        };
        CliRun ok = deployFrom(signed, "hello", to);
        assertThat(ok.code()).as("%s", ok).isZero();
        assertThat(ok.err())
            .contains(
                "admitted by the server's supply-chain policy: verified (key "
                    + keyId(key)
                    + ") (11 checks passed)");
        assertThat(get(server, "/hello/hello").body()).isEqualTo("Hello from Wasmlet!\n");

        CliRun refused = deployFrom(bare, "rust", to);
        assertThat(refused.code()).as("%s", refused).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err())
            .contains(
                "refused by the server's supply-chain policy: signature-present: no signature"
                    + " bundle for sha256:")
            .contains("PASS artifact-intact: the ")
            .contains("FAIL signature-present")
            .as("a refused artifact is not uploaded")
            .doesNotContain("uploading");

        CliRun local = CliRun.of(concat(new String[] {"deploy", dir, "--name", "dev"}, to));
        assertThat(local.code()).as("%s", local).isEqualTo(ExitCodes.REFUSED);
        assertThat(local.err()).contains("unsigned local artifact").doesNotContain("uploading");

        CliRun apps = CliRun.of(concat(new String[] {"apps"}, to));
        assertThat(apps.code()).as("%s", apps).isZero();
        assertThat(apps.out())
            .contains("refused by the supply-chain policy")
            .containsPattern("rust +\\S+ ago +deploy +signature-present")
            .containsPattern("dev +\\S+ ago +deploy +signature-present");
        CliRun revisions = CliRun.of(concat(new String[] {"revisions", "hello"}, to));
        assertThat(revisions.out()).contains("verified (key " + keyId(key) + ")");
        CliRun status = CliRun.of(concat(new String[] {"status"}, to));
        assertThat(status.out())
            .contains(
                "policy enforced: 1 trusted key ("
                    + keyId(key)
                    + "), provenance required, registries [127.0.0.1:*], unsigned local deploys"
                    + " refused");
        CliRun rustRevisions = CliRun.of(concat(new String[] {"revisions", "rust"}, to));
        assertThat(rustRevisions.code()).as("%s", rustRevisions).isZero();
        assertThat(rustRevisions.out())
            .contains("app rust has no revisions")
            .contains(bare + "@sha256:")
            .doesNotContainPattern("@sha256:[0-9a-f]{64}@");
      }

      try (WasmletServer server = policyServer(data, untrusting)) {
        String[] to = {
          "--server",
          "http://127.0.0.1:" + server.adminPort(),
          "--token",
          Files.readString(server.tokenFile()).trim()
        };
        assertThat(get(server, "/hello/hello").statusCode()).isNotEqualTo(200);
        CliRun revisions = CliRun.of(concat(new String[] {"revisions", "hello"}, to));
        assertThat(revisions.out())
            .containsPattern("1 +rejected")
            .contains("revision 1")
            .contains("key-trusted");
        CliRun shown = CliRun.of(concat(new String[] {"app", "hello"}, to));
        assertThat(shown.out()).contains("healthy").contains("NO").contains("last refused");
      }
    }
  }

  @Test
  void anAppPushedBySpinAndSignedDeploysToAServerWithAPolicy() throws Exception {
    String key = PolicyFiles.key(tmp, "ci");
    Path policy =
        PolicyFiles.policy(
            tmp.resolve("policy.toml"),
            key,
            "requireProvenance = false\nallowedRegistries = [\"127.0.0.1:*\"]\n");
    Path layout = dev.wasmlet.testing.SpinPushes.staticC(tmp.resolve("layout"), "0.1.0", true);
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"));
        WasmletServer server = policyServer(tmp.resolve("data"), policy)) {
      String ref = registry.address() + "/spin/static-c:0.1.0";
      Tools.skopeoPush(tmp, layout, "0.1.0", ref);
      String[] to = {
        "--server",
        "http://127.0.0.1:" + server.adminPort(),
        "--token",
        Files.readString(server.tokenFile()).trim()
      };
      CliRun unsigned = deployFrom(ref, "static", to);
      assertThat(unsigned.code()).as("%s", unsigned).isEqualTo(ExitCodes.REFUSED);
      assertThat(unsigned.err())
          .contains("PASS artifact-intact: the ")
          .contains("FAIL signature-present");

      assertThat(CliRun.of("sign", ref, "--insecure", "--key", key + ".key").code()).isZero();
      CliRun deployed = deployFrom(ref, "static", to);
      assertThat(deployed.code()).as("%s", deployed).isZero();
      HttpResponse<String> page = get(server, "/static/static/index.html");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .isEqualTo(Files.readString(Tools.root().resolve("examples/static-c/public/index.html")));
      CliRun revisions = CliRun.of(concat(new String[] {"revisions", "static"}, to));
      assertThat(revisions.out()).contains("verified (key " + keyId(key) + ")");
    }
  }

  private static WasmletServer policyServer(Path data, Path policy) {
    return WasmletServer.start(
        ServerConfig.builder()
            .withDataDir(data)
            .withListen("127.0.0.1", 0)
            .withAdminListen("127.0.0.1", 0)
            .withPolicy(java.util.Optional.of(dev.wasmlet.signing.Policy.read(policy)))
            .build());
  }

  private CliRun deployFrom(String ref, String name, String[] to) {
    return CliRun.of(
        concat(
            new String[] {
              "deploy",
              "--from",
              ref,
              "--insecure",
              "--store",
              tmp.resolve("store").toString(),
              "--name",
              name
            },
            to));
  }

  /** The key id as {@code revisions} shows it: its first 12 hex digits. */
  private static String keyId(String key) throws Exception {
    return dev.wasmlet.signing.Keys.keyId(
            dev.wasmlet.signing.Keys.readPublicKey(Path.of(key + ".pub")))
        .substring(0, 12);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static HttpResponse<String> get(WasmletServer server, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.gatewayPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** examples/hello-c copied into a fresh git checkout with this origin, all of it committed. */
  private Path gitCheckout(String name, String origin) throws Exception {
    Path from = Tools.root().resolve("examples/hello-c");
    Path to = tmp.resolve(name);
    try (java.util.stream.Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    git(to, "init", "-q");
    git(to, "remote", "add", "origin", origin);
    git(to, "add", ".");
    git(to, "-c", "user.name=t", "-c", "user.email=t@example", "commit", "-q", "-m", "app");
    return to;
  }

  private static String git(Path dir, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tools.run(dir, command).strip();
  }

  @Test
  void plainHttpToARemoteRegistryIsAUsageError() {
    CliRun pull = CliRun.of("pull", "registry.example.com/a/b:1", "--insecure");
    assertThat(pull.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(pull.err()).contains("plain HTTP (--insecure) is allowed only for a registry on");
  }
}
