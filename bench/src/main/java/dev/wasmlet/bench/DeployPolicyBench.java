package dev.wasmlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.control.ServerConfig;
import dev.wasmlet.control.WasmletServer;
import dev.wasmlet.signing.Policy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the supply-chain policy adds to a deploy, measured end to end in one JVM: two servers in
 * this process, one without a policy and one with a policy requiring a signature and provenance,
 * take the same deployment (files already uploaded, artifact evidence attached, its bundles signed
 * anew for every deploy so that no deploy is one the server has admitted before) in alternating
 * order; the time to the 202 (admission, checks, staging, commit) and to the rollout's end are
 * reported for each. Usage: {@code bench/policy.sh [ROUNDS]}.
 */
public final class DeployPolicyBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DeployPolicyBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    Path work = Files.createTempDirectory("wasmlet-policy-bench");
    SupplyChainFixture fx = new SupplyChainFixture(root, work);
    try (WasmletServer off = start(work.resolve("off"), Optional.empty());
        WasmletServer on = start(work.resolve("on"), Optional.of(fx.policy))) {
      Target[] targets = {new Target("no policy", off), new Target("policy", on)};
      for (Target t : targets) {
        t.body = body(t, fx);
        t.fx = fx;
      }
      for (int i = 0; i < 5; i++) {
        for (Target t : targets) {
          t.deploy(); // warm-up: compile cache, JIT
        }
      }
      for (int i = 0; i < rounds; i++) {
        Target first = targets[i % 2];
        Target second = targets[(i + 1) % 2];
        first.record(first.deploy());
        second.record(second.deploy());
      }
      System.out.printf(
          "app: %d files, %d bytes; %d deploys each after 5 warm-ups, alternating%n",
          fx.artifact.files().size(),
          fx.artifact.manifest().layers().stream().mapToLong(l -> l.size()).sum(),
          rounds);
      for (Target t : targets) {
        System.out.printf(
            "%-10s  to 202: p50 %6.2f ms  p90 %6.2f ms   to rollout end: p50 %6.2f ms  p90 %6.2f"
                + " ms%n",
            t.name, pct(t.accepted, 50), pct(t.accepted, 90), pct(t.done, 50), pct(t.done, 90));
      }
    }
  }

  private static final class Target {
    final String name;
    final WasmletServer server;
    final String token;
    ObjectNode body;
    SupplyChainFixture fx;
    final List<Double> accepted = new ArrayList<>();
    final List<Double> done = new ArrayList<>();

    Target(String name, WasmletServer server) throws Exception {
      this.name = name;
      this.server = server;
      this.token = Files.readString(server.tokenFile()).trim();
    }

    /** One deploy: ms to the 202, ms to the rollout's end. */
    double[] deploy() throws Exception {
      byte[][] bundles = fx.freshBundles();
      Base64.Encoder b64 = Base64.getEncoder();
      ObjectNode a = (ObjectNode) body.get("artifact");
      a.putArray("signatures").add(b64.encodeToString(bundles[0]));
      a.putArray("provenances").add(b64.encodeToString(bundles[1]));
      String json = JSON.writeValueAsString(body);
      long t0 = System.nanoTime();
      HttpResponse<String> r = call("POST", "/api/v1/apps/bench/deployments", json);
      long t1 = System.nanoTime();
      if (r.statusCode() != 202) {
        throw new IllegalStateException(name + ": deploy answered " + r.statusCode() + r.body());
      }
      long id = JSON.readTree(r.body()).get("id").asLong();
      while (true) {
        JsonNode ro = JSON.readTree(call("GET", "/api/v1/apps/bench/rollouts/" + id, null).body());
        String state = ro.get("state").asText();
        if (state.equals("succeeded")) {
          break;
        }
        if (!state.equals("pending") && !state.equals("progressing")) {
          throw new IllegalStateException(name + ": rollout " + ro);
        }
        Thread.sleep(1);
      }
      return new double[] {(t1 - t0) / 1e6, (System.nanoTime() - t0) / 1e6};
    }

    void record(double[] d) {
      accepted.add(d[0]);
      done.add(d[1]);
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
              .header("Authorization", "Bearer " + token);
      if (json != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static WasmletServer start(Path data, Optional<Policy> policy) {
    return WasmletServer.start(
        ServerConfig.builder()
            .withDataDir(data)
            .withListen("127.0.0.1", 0)
            .withAdminListen("127.0.0.1", 0)
            .withPolicy(policy)
            .build());
  }

  /** Uploads the app's files and builds the deployment body with its artifact evidence. */
  private static ObjectNode body(Target t, SupplyChainFixture fx) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("manifest", "wasmlet.toml");
    ObjectNode files = body.putObject("files");
    List<Path> all;
    try (Stream<Path> s = Files.walk(fx.dir)) {
      all = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : all) {
      byte[] bytes = Files.readAllBytes(f);
      String digest =
          "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      HttpRequest put =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + t.server.adminPort() + "/api/v1/blobs/" + digest))
              .header("Authorization", "Bearer " + t.token)
              .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
              .build();
      int status = HTTP.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 201 && status != 200) {
        throw new IllegalStateException("upload of " + f + " answered " + status);
      }
      files.put(fx.dir.relativize(f).toString(), digest);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode a = body.putObject("artifact");
    a.put("reference", SupplyChainFixture.REFERENCE);
    a.put("manifest", b64.encodeToString(fx.artifact.manifest().toJson()));
    a.put("config", b64.encodeToString(fx.artifact.config()));
    return body;
  }

  private static double pct(List<Double> xs, int p) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }
}
