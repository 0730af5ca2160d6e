package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasmlet server --policy} as a real process: a policy file it cannot read stops it before
 * it serves anything; a signed artifact deployed to it survives kill -9 and is admitted again at
 * the restart; the same data under a policy that no longer trusts the key serves nothing and says
 * why.
 */
class PolicyServerIT {
  @TempDir Path tmp;

  @Test
  void aPolicyFileWithAnUnknownSettingStopsTheServerBeforeItServes() throws Exception {
    Path bad = tmp.resolve("bad.toml");
    Files.writeString(bad, "trustedKeys = []\nrequireProvenence = true\n");
    ServerProcess.Result r =
        ServerProcess.run(
            Duration.ofSeconds(60),
            "server",
            "--data",
            tmp.resolve("data").toString(),
            "--listen",
            "127.0.0.1:0",
            "--admin-listen",
            "127.0.0.1:0",
            "--policy",
            bad.toString());
    assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.USAGE);
    assertThat(r.stderr())
        .contains("policy " + bad + ": unknown setting \"requireProvenence\"")
        .doesNotContain("Exception");
    assertThat(r.stdout()).doesNotContain("apps on http://");
  }

  @Test
  void aSignedDeploySurvivesKill9AndAStricterPolicyRefusesItAtRestart() throws Exception {
    String key = PolicyFiles.key(tmp, "ci");
    String other = PolicyFiles.key(tmp, "other");
    String rest = "allowedRegistries = [\"127.0.0.1:*\"]\n";
    Path trusting = PolicyFiles.policy(tmp.resolve("trusting.toml"), key, rest);
    Path untrusting = PolicyFiles.policy(tmp.resolve("untrusting.toml"), other, rest);
    Path data = tmp.resolve("data");
    String dir = Tools.root().resolve("examples/hello-c").toString();

    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String ref = registry.address() + "/kill9/hello:1";
      assertThat(CliRun.of("push", dir, ref, "--insecure", "--key", key + ".key").code()).isZero();

      List<String> out = ServerNode.newOutput();
      ServerNode node =
          ServerNode.start(data, out, List.of(), List.of("--policy", trusting.toString()));
      try {
        assertThat(String.join("\n", out))
            .contains(
                "supply-chain policy "
                    + trusting
                    + ": 1 trusted keys, provenance not required, unsigned local deploys"
                    + " refused");
        CliRun deploy = deployFrom(node, ref);
        assertThat(deploy.code()).as("%s", deploy).isZero();
        assertThat(get(node, "/hello/hello").statusCode()).isEqualTo(200);
        node.kill9();
      } finally {
        node.close();
      }

      out = ServerNode.newOutput();
      node = ServerNode.start(data, out, List.of(), List.of("--policy", trusting.toString()));
      try {
        assertThat(get(node, "/hello/hello").body()).isEqualTo("Hello from Wasmlet!\n");
        JsonNode rev = node.admin().call("GET", "/api/v1/apps/hello/revisions/1", null).json();
        assertThat(rev.get("state").asText()).isEqualTo("active");
        assertThat(rev.at("/verification/status").asText()).isEqualTo("verified");
        node.kill9();
      } finally {
        node.close();
      }

      out = ServerNode.newOutput();
      node = ServerNode.start(data, out, List.of(), List.of("--policy", untrusting.toString()));
      try {
        assertThat(get(node, "/hello/hello").statusCode()).isEqualTo(503);
        TestAdmin admin = node.admin();
        JsonNode rev = admin.call("GET", "/api/v1/apps/hello/revisions/1", null).json();
        assertThat(rev.get("state").asText()).isEqualTo("rejected");
        assertThat(String.join("\n", out))
            .contains(
                "app hello: the server's supply-chain policy refuses revision 1 (key-trusted");
        assertThat(admin.call("GET", "/metrics", null).body())
            .contains("wasmlet_policy_rejections_total{app=\"hello\",check=\"key-trusted\"} 1.0");
      } finally {
        node.close();
      }
    }
  }

  private CliRun deployFrom(ServerNode node, String ref) throws Exception {
    TestAdmin admin = node.admin();
    return CliRun.of(
        "deploy",
        "--from",
        ref,
        "--insecure",
        "--store",
        tmp.resolve("store").toString(),
        "--name",
        "hello",
        "--server",
        admin.base(),
        "--token",
        admin.token());
  }

  private static HttpResponse<String> get(ServerNode node, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(node.gateway() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
