package dev.wasmlet.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.signing.Dsse;
import dev.wasmlet.signing.GitSource;
import dev.wasmlet.signing.KeyAlgorithm;
import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.Provenance;
import dev.wasmlet.signing.SigstoreBundle;
import dev.wasmlet.signing.Statement;
import dev.wasmlet.signing.Statements;
import dev.wasmlet.signing.Subject;
import dev.wasmlet.signing.TrustedKey;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import dev.wasmlet.trust.AppArtifact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's supply-chain policy, over real HTTP: deploys of artifacts (packed by the trust
 * module as {@code wasmlet push} packs them, signed as {@code wasmlet push --key} signs them) are
 * refused at their named check and recorded, nothing of a refused deploy is stored or served, and a
 * restart under a stricter policy refuses to serve what no longer passes.
 */
class SupplyChainTest {
  private static final String BUILDER = "https://ci.acme.example/runner";
  private static final String SOURCE = "https://git.example/acme/marker.git";

  @TempDir Path tmp;
  private final KeyPair ours = Keys.generate(KeyAlgorithm.ED25519);
  private final KeyPair theirs = Keys.generate(KeyAlgorithm.ECDSA_P256);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WasmletServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(WasmletServer::close);
  }

  private WasmletServer start(Optional<Policy> policy) {
    WasmletServer s =
        WasmletServer.start(
            ServerConfig.builder()
                .withDataDir(tmp.resolve("data"))
                .withListen("127.0.0.1", 0)
                .withAdminListen("127.0.0.1", 0)
                .withProbeInterval(Duration.ofSeconds(30))
                .withDrainGrace(Duration.ofSeconds(5))
                .withPolicy(policy)
                .build());
    servers.add(s);
    return s;
  }

  private void restart(WasmletServer s) {
    servers.remove(s);
    s.close();
  }

  private static TestAdmin admin(WasmletServer s) throws IOException {
    return new TestAdmin(
        "http://127.0.0.1:" + s.adminPort(), Files.readString(s.tokenFile()).trim());
  }

  private Policy policy(
      KeyPair trusted, boolean requireProvenance, boolean allowUnsignedLocal, String builder) {
    return new Policy(
        List.of(TrustedKey.of(trusted.getPublic(), "ci.pub")),
        requireProvenance,
        List.of(builder),
        List.of("https://git.example/acme/*"),
        List.of("127.0.0.1:*"),
        allowUnsignedLocal);
  }

  private int status(WasmletServer s, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.gatewayPort() + path))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** An artifact of an app directory as push makes it, and what a deploy --from sends with it. */
  private record Pushed(Path dir, AppArtifact artifact, String reference) {
    String digest() {
      return artifact.digest();
    }

    ObjectNode body(byte[] signature, byte[] provenance) {
      Base64.Encoder b64 = Base64.getEncoder();
      ObjectNode a = TestAdmin.JSON.createObjectNode();
      a.put("reference", reference);
      a.put("manifest", b64.encodeToString(artifact.manifest().toJson()));
      a.put("config", b64.encodeToString(artifact.config()));
      if (signature != null) {
        a.putArray("signatures").add(b64.encodeToString(signature));
      }
      if (provenance != null) {
        a.putArray("provenances").add(b64.encodeToString(provenance));
      }
      return a;
    }
  }

  private Pushed pushed(String marker, String registry) throws IOException {
    Path dir = TestApps.marker(tmp.resolve("apps"), marker);
    return new Pushed(dir, AppArtifact.pack(dir), registry + "/acme/marker:" + marker);
  }

  private static byte[] sign(Statement statement, KeyPair key) {
    return SigstoreBundle.sign(Dsse.IN_TOTO, statement.toJson(), key.getPrivate(), key.getPublic())
        .toJson();
  }

  private static byte[] signature(String digest, KeyPair key) {
    return sign(Statements.signature("acme/marker", digest), key);
  }

  private static byte[] provenance(String digest, KeyPair key, String builder, String source) {
    Provenance p =
        Provenance.builder()
            .withBuilderId(builder)
            .withSource(new GitSource(source, "0123456789abcdef0123456789abcdef01234567"))
            .withBuildCommand("wasmlet push . 127.0.0.1:5000/acme/marker:1 --key ci.key")
            .build();
    return sign(Statements.provenance(List.of(Subject.ofDigest("acme/marker", digest)), p), key);
  }

  /** Posts a deployment of the app's files with the artifact; the body changed by {@code edit}. */
  private TestAdmin.Reply deploy(
      TestAdmin admin, String app, Pushed p, ObjectNode artifact, UnaryOperator<ObjectNode> edit)
      throws IOException {
    ObjectNode body = TestAdmin.JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    body.set("files", admin.upload(p.dir()));
    if (artifact != null) {
      body.set("artifact", artifact);
    }
    return admin.call(
        "POST",
        "/api/v1/apps/" + app + "/deployments",
        TestAdmin.JSON.writeValueAsString(edit.apply(body)));
  }

  private JsonNode deployed(TestAdmin admin, String app, TestAdmin.Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode done = admin.awaitRollout(app, r.json(), Duration.ofSeconds(30));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    return done;
  }

  @Test
  void withoutAPolicyNothingIsRequiredButAnArtifactsFilesAreStillMatched() throws Exception {
    WasmletServer s = start(Optional.empty());
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");

    assertThat(admin.call("GET", "/api/v1/status", null).json().get("supplyChainPolicy").isNull())
        .isTrue();
    deployed(admin, "local", deploy(admin, "local", p, null, b -> b));
    deployed(admin, "pulled", deploy(admin, "pulled", p, p.body(null, null), b -> b));

    JsonNode local = admin.call("GET", "/api/v1/apps/local/revisions/1", null).json();
    assertThat(local.at("/verification/status").asText()).isEqualTo("unchecked");
    assertThat(local.at("/verification/subject").asText()).isEqualTo("local files");
    JsonNode pulled = admin.call("GET", "/api/v1/apps/pulled/revisions/1", null).json();
    assertThat(pulled.at("/verification/status").asText()).isEqualTo("unchecked");
    assertThat(pulled.at("/verification/subject").asText())
        .isEqualTo(p.reference() + "@" + p.digest());
    assertThat(pulled.at("/verification/checks/0/name").asText()).isEqualTo("artifact-intact");

    Pushed other = pushed("b", "127.0.0.1:5000");
    TestAdmin.Reply mixed = deploy(admin, "mixed", other, p.body(null, null), b -> b);
    assertThat(mixed.status()).as(mixed.body()).isEqualTo(403);
    assertThat(mixed.json().get("check").asText()).isEqualTo("artifact-intact");
    assertThat(status(s, "/local/api/items")).isEqualTo(200);
    assertThat(status(s, "/pulled/api/items")).isEqualTo(200);
  }

  @Test
  void anUnsignedLocalDeployIsRefusedRecordedAndNothingOfItIsStored() throws Exception {
    WasmletServer s = start(Optional.of(policy(ours, false, false, BUILDER)));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");

    TestAdmin.Reply r = deploy(admin, "web", p, null, b -> b);

    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.raw().headers().firstValue("content-type")).contains("application/problem+json");
    JsonNode problem = r.json();
    assertThat(problem.get("type").asText())
        .isEqualTo("https://wasmlet.dev/problems/policy-rejected");
    assertThat(problem.get("check").asText()).isEqualTo("signature-present");
    assertThat(problem.get("subject").asText()).isEqualTo("local files");
    assertThat(problem.get("detail").asText())
        .startsWith("signature-present: unsigned local artifact sha256:")
        .endsWith(
            ": the policy does not allow unsigned local artifacts (allowUnsignedLocal = false);"
                + " push it signed (wasmlet push --key) and deploy it from the registry"
                + " (--from REF)");
    assertThat(problem.at("/checks/0/name").asText()).isEqualTo("registry-allowed");
    assertThat(problem.at("/checks/1/passed").asBoolean()).isFalse();

    assertThat(admin.call("GET", "/api/v1/apps/web", null).status()).isEqualTo(404);
    assertThat(admin.call("GET", "/api/v1/apps/web/revisions", null).status()).isEqualTo(404);
    assertThat(status(s, "/web/api/items")).isEqualTo(404);
    JsonNode apps = admin.call("GET", "/api/v1/apps", null).json();
    assertThat(apps.get("apps")).isEmpty();
    assertThat(apps.at("/rejected/0/app").asText()).isEqualTo("web");
    assertThat(apps.at("/rejected/0/check").asText()).isEqualTo("signature-present");
    assertThat(apps.at("/rejected/0/revision").isNull()).isTrue();
    JsonNode rejections = admin.call("GET", "/api/v1/apps/web/rejections", null).json();
    assertThat(rejections.get("rejections")).hasSize(1);
    assertThat(admin.call("GET", "/api/v1/apps/nobody/rejections", null).status()).isEqualTo(404);
    assertThat(admin.call("GET", "/metrics", null).body())
        .contains("wasmlet_policy_rejections_total{app=\"web\",check=\"signature-present\"} 1.0");
    JsonNode status = admin.call("GET", "/api/v1/status", null).json();
    assertThat(status.at("/supplyChainPolicy/trustedKeys/0").asText())
        .isEqualTo(Keys.keyId(ours.getPublic()));
    assertThat(status.at("/supplyChainPolicy/allowUnsignedLocal").asBoolean()).isFalse();
    assertThat(status.toString()).doesNotContain("ci.pub");
  }

  @Test
  void allowUnsignedLocalLetsLocalFilesInButNotUnsignedArtifacts() throws Exception {
    WasmletServer s = start(Optional.of(policy(ours, true, true, BUILDER)));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");

    deployed(admin, "dev", deploy(admin, "dev", p, null, b -> b));
    JsonNode rev = admin.call("GET", "/api/v1/apps/dev/revisions/1", null).json();
    assertThat(rev.at("/verification/status").asText()).isEqualTo("unsigned-local");
    assertThat(status(s, "/dev/api/items")).isEqualTo(200);

    TestAdmin.Reply unsigned = deploy(admin, "pulled", p, p.body(null, null), b -> b);
    assertThat(unsigned.status()).isEqualTo(403);
    assertThat(unsigned.json().get("detail").asText())
        .isEqualTo(
            "signature-present: no signature bundle for "
                + p.digest()
                + "; sign the artifact with a trusted key (wasmlet sign)");
  }

  @Test
  void aSignedArtifactWithProvenanceIsVerifiedAndServed() throws Exception {
    WasmletServer s = start(Optional.of(policy(ours, true, false, BUILDER)));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");

    deployed(
        admin,
        "web",
        deploy(
            admin,
            "web",
            p,
            p.body(signature(p.digest(), ours), provenance(p.digest(), ours, BUILDER, SOURCE)),
            b -> b));

    assertThat(status(s, "/web/api/items")).isEqualTo(200);
    JsonNode v = admin.call("GET", "/api/v1/apps/web/revisions/1", null).json().get("verification");
    assertThat(v.get("status").asText()).isEqualTo("verified");
    List<String> names = new ArrayList<>();
    v.get("checks").forEach(c -> names.add(c.get("name").asText()));
    assertThat(names)
        .containsExactly(
            "artifact-intact",
            "registry-allowed",
            "signature-present",
            "key-trusted",
            "signature-valid",
            "subject-matches",
            "provenance-present",
            "provenance-valid",
            "provenance-subject-matches",
            "builder-trusted",
            "source-trusted");
    v.get("checks").forEach(c -> assertThat(c.get("passed").asBoolean()).isTrue());
  }

  /** One bad deploy: what is sent, and the check and message it must be refused with. */
  private record Bad(
      String name, Pushed p, ObjectNode artifact, UnaryOperator<ObjectNode> edit, String detail) {}

  @Test
  void everyBadArtifactIsRefusedAtItsOwnCheckAndNothingIsStored() throws Exception {
    WasmletServer s = start(Optional.of(policy(ours, true, false, BUILDER)));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");
    Pushed b = pushed("b", "127.0.0.1:5000");
    String d = p.digest();
    byte[] sig = signature(d, ours);
    byte[] prov = provenance(d, ours, BUILDER, SOURCE);
    String bWasmletToml = TestAdmin.digest(Files.readAllBytes(b.dir().resolve("wasmlet.toml")));
    String aWasmletToml = TestAdmin.digest(Files.readAllBytes(p.dir().resolve("wasmlet.toml")));
    ObjectNode tamperedConfig = p.body(sig, prov);
    byte[] config =
        (new String(p.artifact().config(), StandardCharsets.UTF_8) + " ")
            .getBytes(StandardCharsets.UTF_8);
    tamperedConfig.put("config", Base64.getEncoder().encodeToString(config));
    ObjectNode truncated = p.body(null, prov);
    truncated
        .putArray("signatures")
        .add(
            Base64.getEncoder().encodeToString("{\"mediaType\":".getBytes(StandardCharsets.UTF_8)));
    String keyId = Keys.keyId(theirs.getPublic());

    List<Bad> cases =
        List.of(
            new Bad(
                "changed-file",
                b,
                p.body(sig, prov),
                x -> x,
                "artifact-intact: file wasmlet.toml was deployed with content "
                    + bWasmletToml
                    + " but the artifact's layer holds "
                    + aWasmletToml
                    + ": it was changed after the pull"),
            new Bad(
                "added-file",
                p,
                p.body(sig, prov),
                x -> {
                  ((ObjectNode) x.get("files")).put("extra.txt", aWasmletToml);
                  return x;
                },
                "artifact-intact: file extra.txt was deployed but is not part of the artifact"),
            new Bad(
                "other-manifest",
                p,
                p.body(sig, prov),
                x -> x.put("manifest", "app.wasm"),
                "artifact-intact: the deploy names app.wasm as the app's manifest, but the"
                    + " artifact's manifest is wasmlet.toml"),
            new Bad(
                "missing-file",
                p,
                p.body(sig, prov),
                x -> {
                  ((ObjectNode) x.get("files")).remove("app.wasm");
                  return x;
                },
                "artifact-intact: the artifact's file app.wasm ("
                    + TestAdmin.digest(Files.readAllBytes(p.dir().resolve("app.wasm")))
                    + ") was not deployed"),
            new Bad(
                "tampered-config",
                p,
                tamperedConfig,
                x -> x,
                "artifact-intact: the config the deploy carried hashes to "
                    + TestAdmin.digest(config)
                    + ", not to the artifact's config "
                    + p.artifact().manifest().config().digest()
                    + ": it was changed after the pull"),
            new Bad(
                "registry",
                pushed("a", "evil.example"),
                pushed("a", "evil.example").body(sig, prov),
                x -> x,
                "registry-allowed: registry evil.example is not allowed by the policy"
                    + " (allowedRegistries: [127.0.0.1:*])"),
            new Bad(
                "unsigned",
                p,
                p.body(null, prov),
                x -> x,
                "signature-present: no signature bundle for "
                    + d
                    + "; sign the artifact with a trusted key (wasmlet sign)"),
            new Bad(
                "unknown-key",
                p,
                p.body(signature(d, theirs), prov),
                x -> x,
                "key-trusted: signature bundle is signed by key "
                    + keyId
                    + ", which is not a trusted key, and its signature does not verify with the"
                    + " policy's one trusted key; add its public key to the policy's trustedKeys"),
            new Bad("truncated-bundle", p, truncated, x -> x, null),
            new Bad(
                "other-digest",
                p,
                p.body(signature(b.digest(), ours), prov),
                x -> x,
                "subject-matches: signature covers [" + b.digest() + "], not the artifact " + d),
            new Bad(
                "no-provenance",
                p,
                p.body(sig, null),
                x -> x,
                "provenance-present: no provenance bundle for "
                    + d
                    + "; the policy requires SLSA provenance (requireProvenance)"),
            new Bad(
                "provenance-of-another",
                p,
                p.body(sig, provenance(b.digest(), ours, BUILDER, SOURCE)),
                x -> x,
                "provenance-subject-matches: provenance covers ["
                    + b.digest()
                    + "], not the artifact "
                    + d),
            new Bad(
                "untrusted-builder",
                p,
                p.body(sig, provenance(d, ours, "https://laptop.example/me", SOURCE)),
                x -> x,
                "builder-trusted: builder https://laptop.example/me is not an allowed builder"
                    + " (allowedBuilders: ["
                    + BUILDER
                    + "])"),
            new Bad(
                "untrusted-source",
                p,
                p.body(sig, provenance(d, ours, BUILDER, "https://git.example/mallory/x.git")),
                x -> x,
                "source-trusted: source https://git.example/mallory/x.git matches no allowed"
                    + " source pattern (allowedSources: [https://git.example/acme/*])"));

    for (Bad c : cases) {
      TestAdmin.Reply r = deploy(admin, c.name(), c.p(), c.artifact(), c.edit());
      assertThat(r.status()).as(c.name() + ": " + r.body()).isEqualTo(403);
      JsonNode problem = r.json();
      if (c.detail() != null) {
        assertThat(problem.get("detail").asText()).as(c.name()).isEqualTo(c.detail());
      } else {
        assertThat(problem.get("check").asText()).as(c.name()).isEqualTo("signature-valid");
        assertThat(problem.get("detail").asText()).startsWith("signature-valid: signature ");
      }
      assertThat(admin.call("GET", "/api/v1/apps/" + c.name(), null).status())
          .as(c.name())
          .isEqualTo(404);
      assertThat(status(s, "/" + c.name() + "/api/items")).as(c.name()).isEqualTo(404);
    }
    JsonNode apps = admin.call("GET", "/api/v1/apps", null).json();
    assertThat(apps.get("apps")).isEmpty();
    assertThat(apps.get("rejected")).hasSize(cases.size());
    List<String> names = cases.stream().map(Bad::name).toList();
    try (var files = Files.walk(tmp.resolve("data"))) {
      assertThat(files.map(f -> tmp.resolve("data").relativize(f).toString()).toList())
          .as("nothing in the data directory is named after a refused app")
          .noneMatch(f -> names.stream().anyMatch(n -> f.contains(n)));
    }
  }

  @Test
  void aRestartUnderAStricterPolicyRefusesToServeAndTheRightPolicyServesAgain() throws Exception {
    Policy trusting = policy(ours, false, false, BUILDER);
    WasmletServer s = start(Optional.of(trusting));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");
    deployed(
        admin, "web", deploy(admin, "web", p, p.body(signature(p.digest(), ours), null), b -> b));
    assertThat(status(s, "/web/api/items")).isEqualTo(200);

    restart(s);
    s = start(Optional.of(policy(theirs, false, false, BUILDER)));
    admin = admin(s);
    assertThat(status(s, "/web/api/items")).isNotEqualTo(200);
    JsonNode rev = admin.call("GET", "/api/v1/apps/web/revisions/1", null).json();
    assertThat(rev.get("state").asText()).isEqualTo("rejected");
    assertThat(rev.get("reason").asText())
        .startsWith("refused by the server's supply-chain policy: key-trusted: signature bundle");
    JsonNode app = admin.call("GET", "/api/v1/apps/web", null).json();
    assertThat(app.get("healthy").asBoolean()).isFalse();
    assertThat(app.at("/lastRejection/revision").asInt()).isEqualTo(1);
    assertThat(app.at("/lastRejection/check").asText()).isEqualTo("key-trusted");
    TestAdmin.Reply traffic =
        admin.call("PUT", "/api/v1/apps/web/traffic", "{\"split\":{\"1\":100}}");
    assertThat(traffic.status()).as(traffic.body()).isEqualTo(403);
    assertThat(status(s, "/web/api/items")).isNotEqualTo(200);

    restart(s);
    s = start(Optional.of(trusting));
    admin = admin(s);
    assertThat(status(s, "/web/api/items")).isEqualTo(200);
    rev = admin.call("GET", "/api/v1/apps/web/revisions/1", null).json();
    assertThat(rev.get("state").asText()).isEqualTo("active");
    assertThat(rev.at("/verification/status").asText()).isEqualTo("verified");
  }

  @Test
  void revisionsFromBeforeThePolicyCannotTakeTrafficBack() throws Exception {
    WasmletServer s = start(Optional.empty());
    TestAdmin admin = admin(s);
    Pushed a = pushed("a", "127.0.0.1:5000");
    Pushed b = pushed("b", "127.0.0.1:5000");
    deployed(admin, "web", deploy(admin, "web", a, null, x -> x));
    deployed(admin, "web", deploy(admin, "web", b, null, x -> x));

    restart(s);
    s = start(Optional.of(policy(ours, false, false, BUILDER)));
    admin = admin(s);
    assertThat(status(s, "/web/api/items")).isNotEqualTo(200);
    deployed(
        admin, "web", deploy(admin, "web", a, a.body(signature(a.digest(), ours), null), x -> x));
    assertThat(status(s, "/web/api/items")).isEqualTo(200);

    TestAdmin.Reply back = admin.call("POST", "/api/v1/apps/web/rollback", "{\"to\":2}");
    assertThat(back.status()).as(back.body()).isEqualTo(403);
    assertThat(back.json().get("check").asText()).isEqualTo("signature-present");
    assertThat(admin.call("GET", "/api/v1/apps/web/revisions/2", null).json().get("state").asText())
        .isEqualTo("rejected");
    assertThat(admin.call("GET", "/api/v1/apps/web/revisions/3", null).json().get("state").asText())
        .isEqualTo("active");
    assertThat(status(s, "/web/api/items")).isEqualTo(200);
  }

  @Test
  void aRefusedRevisionInASplitLeavesItsShareToTheOthersAtRestart() throws Exception {
    WasmletServer s = start(Optional.empty());
    TestAdmin admin = admin(s);
    Pushed a = pushed("a", "127.0.0.1:5000");
    Pushed b = pushed("b", "127.0.0.1:5000");
    deployed(
        admin, "web", deploy(admin, "web", a, a.body(signature(a.digest(), ours), null), x -> x));
    deployed(admin, "web", deploy(admin, "web", b, null, x -> x));
    TestAdmin.Reply split =
        admin.call("PUT", "/api/v1/apps/web/traffic", "{\"split\":{\"1\":50,\"2\":50}}");
    assertThat(split.status()).as(split.body()).isEqualTo(200);

    restart(s);
    s = start(Optional.of(policy(ours, false, false, BUILDER)));
    admin = admin(s);
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + s.gatewayPort() + "/web/api/items"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"api_version\":\"a\"");
    }
    assertThat(admin.call("GET", "/api/v1/apps/web/revisions/2", null).json().get("state").asText())
        .isEqualTo("rejected");
    assertThat(admin.call("GET", "/api/v1/apps/web/revisions/1", null).json().get("state").asText())
        .isEqualTo("active");
    assertThat(admin.call("GET", "/api/v1/apps/web", null).json().get("healthy").asBoolean())
        .isFalse();
  }

  @Test
  void anAdmissionReviewNeedsNoUploadStoresNothingAndRecordsARefusal() throws Exception {
    WasmletServer s = start(Optional.of(policy(ours, false, false, BUILDER)));
    TestAdmin admin = admin(s);
    Pushed p = pushed("a", "127.0.0.1:5000");
    ObjectNode body = TestAdmin.JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    ObjectNode files = body.putObject("files");
    for (String f : List.of("app.wasm", "wasmlet.toml")) {
      files.put(f, TestAdmin.digest(Files.readAllBytes(p.dir().resolve(f))));
    }

    body.set("artifact", p.body(signature(p.digest(), ours), null));
    TestAdmin.Reply ok =
        admin.call(
            "POST", "/api/v1/apps/web/admission-reviews", TestAdmin.JSON.writeValueAsString(body));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("status").asText()).isEqualTo("verified");
    assertThat(ok.json().at("/checks/0/name").asText()).isEqualTo("artifact-intact");

    body.set("artifact", p.body(null, null));
    TestAdmin.Reply refused =
        admin.call(
            "POST", "/api/v1/apps/web/admission-reviews", TestAdmin.JSON.writeValueAsString(body));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("check").asText()).isEqualTo("signature-present");

    assertThat(admin.call("GET", "/api/v1/apps/web", null).status()).isEqualTo(404);
    assertThat(admin.call("GET", "/api/v1/apps/web/rejections", null).json().get("rejections"))
        .hasSize(1);
    for (String f : List.of("app.wasm", "wasmlet.toml")) {
      String digest = TestAdmin.digest(Files.readAllBytes(p.dir().resolve(f)));
      assertThat(admin.call("HEAD", "/api/v1/blobs/" + digest, null).status())
          .as("review uploads nothing: %s", f)
          .isEqualTo(404);
    }
  }

  @Test
  void rescaleKeepsProportionsAndSumsTo100() {
    assertThat(Recovery.rescale(java.util.Map.of(1, 50))).containsEntry(1, 100);
    java.util.Map<Integer, Integer> three = new java.util.LinkedHashMap<>();
    three.put(3, 30);
    three.put(2, 30);
    three.put(1, 30);
    assertThat(Recovery.rescale(three)).isEqualTo(java.util.Map.of(3, 33, 2, 33, 1, 34));
    assertThat(Recovery.rescale(java.util.Map.of())).isEmpty();
  }
}
