package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.testing.TestAdmin;
import dev.wasmlet.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasmlet server} as a real process: rollouts under load, and kill -9 at bad moments. */
class ServerIT {
  private static final Pattern MARKER = Pattern.compile("\"api_version\":\"([^\"]+)\"");
  private static final Duration ROLLOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One response seen by a client: when its request started, its status and its marker. */
  record Seen(long startNanos, int status, String marker) {}

  /** A switch that completed: from this moment on, only {@code marker} may answer. */
  record Switch(long doneNanos, String marker) {}

  @Test
  void noRequestFailsOrReachesAnOldRevisionAcrossTwentyRolloutsAndRollbacks() throws Exception {
    List<String> output = ServerNode.newOutput();
    try (ServerNode node = ServerNode.start(tmp.resolve("data"), output)) {
      TestAdmin admin = node.admin();
      Map<Integer, String> markerOf = new HashMap<>();
      JsonNode first = admin.deploy("shop", TestApps.marker(tmp, "v1"), null);
      markerOf.put(first.get("revision").asInt(), "v1");
      admin.awaitRollout("shop", first, ROLLOUT);

      List<Seen> seen = new CopyOnWriteArrayList<>();
      List<Switch> switches = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(6);
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < 6; c++) {
        load.add(
            clients.submit(
                () -> {
                  while (running.get()) {
                    long start = System.nanoTime();
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(URI.create(node.gateway() + "/shop/api/items"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher m = MARKER.matcher(r.body());
                    seen.add(new Seen(start, r.statusCode(), m.find() ? m.group(1) : r.body()));
                  }
                  return null;
                }));
      }
      int transitions = 0;
      for (int v = 2; transitions < 22; v++) {
        JsonNode deploy = admin.deploy("shop", TestApps.marker(tmp, "v" + v), null);
        markerOf.put(deploy.get("revision").asInt(), "v" + v);
        transitions += complete(admin, deploy, markerOf, switches);
        JsonNode back = admin.call("POST", "/api/v1/apps/shop/rollback", "{}").json();
        transitions += complete(admin, back, markerOf, switches);
      }
      Thread.sleep(300);
      running.set(false);
      for (Future<?> f : load) {
        f.get();
      }
      clients.shutdown();

      assertThat(transitions).isGreaterThanOrEqualTo(20);
      assertThat(seen).hasSizeGreaterThan(200);
      assertThat(seen).allSatisfy(s -> assertThat(s.status()).as(s.toString()).isEqualTo(200));
      for (int i = 0; i < switches.size(); i++) {
        Switch sw = switches.get(i);
        long until = i + 1 < switches.size() ? switches.get(i + 1).doneNanos() : Long.MAX_VALUE;
        // Requests that started after this switch completed and before the next one began
        // (the next switch's deploy starts at the earliest when this one completed).
        long nextStart = until;
        for (Seen s : seen) {
          if (s.startNanos() > sw.doneNanos() && s.startNanos() < nextStart - 1) {
            assertThat(s.marker())
                .as(
                    "request started %d us after switch %d to %s completed (switches: %s)",
                    (s.startNanos() - sw.doneNanos()) / 1000,
                    i,
                    sw.marker(),
                    switches.stream().map(Switch::marker).toList())
                .isIn(sw.marker(), next(switches, i));
          }
        }
      }
      assertThat(String.join("\n", output)).doesNotContain("Exception");
    }
  }

  /**
   * After switch i completes, only its marker may answer until switch i+1 starts moving traffic.
   */
  private static String next(List<Switch> switches, int i) {
    return i + 1 < switches.size() ? switches.get(i + 1).marker() : switches.get(i).marker();
  }

  private static int complete(
      TestAdmin admin, JsonNode rollout, Map<Integer, String> markerOf, List<Switch> switches) {
    JsonNode done = admin.awaitRollout("shop", rollout, ROLLOUT);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    switches.add(new Switch(System.nanoTime(), markerOf.get(done.get("revision").asInt())));
    return 1;
  }

  @Test
  void killNineDuringACanaryDuringDeploysAndWhileIdleLosesNothing() throws Exception {
    Path data = tmp.resolve("data");
    List<String> output = ServerNode.newOutput();
    String secret = "hunter2-" + Long.toHexString(System.nanoTime());
    ServerNode node = ServerNode.start(data, output);
    try {
      TestAdmin admin = node.admin();
      admin.call("PUT", "/api/v1/apps/vault/secrets/token", "{\"value\":\"" + secret + "\"}");
      admin.awaitRollout("vault", admin.deploy("vault", TestApps.withSecret(tmp), null), ROLLOUT);
      admin.awaitRollout("shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), ROLLOUT);
      JsonNode canary =
          admin.deploy(
              "shop",
              TestApps.marker(tmp, "v2"),
              "{\"strategy\":{\"type\":\"canary\",\"steps\":[10,100],\"stepInterval\":\"10m\"}}");
      TestAdmin first = admin;
      await()
          .atMost(ROLLOUT)
          .until(
              () ->
                  first
                          .call(
                              "GET", "/api/v1/apps/shop/rollouts/" + canary.get("id").asInt(), null)
                          .json()
                          .get("percent")
                          .asInt()
                      == 10);

      // 1. During a canary.
      node.kill9();
      node = ServerNode.start(data, output);
      admin = node.admin();
      JsonNode app = admin.call("GET", "/api/v1/apps/shop", null).json();
      assertThat(app.get("traffic").toString())
          .contains("{\"revision\":2,\"percent\":10}")
          .contains("{\"revision\":1,\"percent\":90}");
      assertThat(app.get("rollout").get("state").asText()).isEqualTo("progressing");
      assertMarkers(node, Set.of("v1", "v2"));
      assertThat(get(node, "/vault/api/items").body()).contains(secret);

      // 2. While idle, after the canary was finished by hand.
      admin.call("PUT", "/api/v1/apps/shop/traffic", "{\"split\":{\"2\":100}}");
      node.kill9();
      node = ServerNode.start(data, output);
      admin = node.admin();
      assertThat(admin.call("GET", "/api/v1/apps/shop", null).json().get("traffic").toString())
          .isEqualTo("[{\"revision\":2,\"percent\":100}]");
      assertMarkers(node, Set.of("v2"));

      // 3. During deploys, killed at different moments after the request went out.
      for (int delay : new int[] {0, 3, 10, 30, 80}) {
        TestAdmin a = admin;
        Path dir = TestApps.marker(tmp, "k" + delay);
        Thread deployer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        a.deploy("shop", dir, null);
                      } catch (Throwable e) {
                        // the server died under it: expected
                      }
                    });
        Thread.sleep(delay);
        node.kill9();
        deployer.join();
        node = ServerNode.start(data, output);
        admin = node.admin();
        TestAdmin now = admin;
        JsonNode revisions = admin.call("GET", "/api/v1/apps/shop/revisions", null).json();
        Set<String> dirs = new HashSet<>();
        try (Stream<Path> s = Files.list(data.resolve("revisions/shop"))) {
          s.forEach(p -> dirs.add(p.getFileName().toString()));
        }
        Set<String> known = new HashSet<>();
        revisions.get("revisions").forEach(r -> known.add(r.get("number").asText()));
        assertThat(dirs).as("revision directories match stored revisions").isSubsetOf(known);
        try (Stream<Path> s = Files.list(data.resolve("revisions/.tmp"))) {
          assertThat(s.toList()).as("no half-written revision").isEmpty();
        }
        try (Stream<Path> s = Files.list(data.resolve("blobs/tmp"))) {
          assertThat(s.toList()).as("no half-written blob").isEmpty();
        }
        await()
            .atMost(ROLLOUT)
            .until(
                () -> {
                  JsonNode r = now.call("GET", "/api/v1/apps/shop", null).json().get("rollout");
                  String state = r.get("state").asText();
                  return !state.equals("pending") && !state.equals("progressing");
                });
        HttpResponse<String> res = get(node, "/shop/api/items");
        assertThat(res.statusCode()).isEqualTo(200);
      }
    } finally {
      node.close();
    }
    String log = String.join("\n", output);
    assertThat(log).doesNotContain(secret);
  }

  @Test
  void aBurstAgainstASaturatedAppGets503sAndMemoryStaysBounded() throws Exception {
    List<String> output = ServerNode.newOutput();
    // A 160 MiB heap: buffering the burst's 375 MiB of bodies would run out of memory.
    try (ServerNode node = ServerNode.start(tmp.resolve("data"), output, List.of("-Xmx160m"))) {
      TestAdmin admin = node.admin();
      admin.awaitRollout(
          "slow",
          admin.deploy(
              "slow",
              TestApps.looping(tmp, "1s"),
              "{\"admission\":{\"maxConcurrency\":2,\"maxQueue\":4}}"),
          ROLLOUT);
      admin.awaitRollout("shop", admin.deploy("shop", TestApps.marker(tmp, "v1"), null), ROLLOUT);
      byte[] body = new byte[256 * 1024];
      long before = node.rssKib();
      long peak = before;
      int rejected = 0;
      int total = 0;
      for (int wave = 0; wave < 5; wave++) {
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          burst.add(
              http.sendAsync(
                  HttpRequest.newBuilder(URI.create(node.gateway() + "/slow/api/x"))
                      .timeout(Duration.ofSeconds(60))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding()));
        }
        peak = Math.max(peak, node.rssKib());
        assertThat(get(node, "/shop/api/items").statusCode()).isEqualTo(200);
        for (var f : burst) {
          HttpResponse<Void> r = f.get();
          total++;
          if (r.statusCode() == 503) {
            rejected++;
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
          } else {
            assertThat(r.statusCode()).isIn(504, 413);
          }
        }
        peak = Math.max(peak, node.rssKib());
      }
      assertThat(total).isEqualTo(1500);
      // At most 6 per wave run or wait; the rest are refused before their bodies are read.
      assertThat(rejected).isGreaterThanOrEqualTo(1500 - 5 * 30);
      // 1,500 x 256 KiB = 375 MiB of bodies were sent to a server with a 160 MiB heap: it kept
      // serving, never ran out of memory, and its resident size stayed within heap + runtime.
      assertThat(get(node, "/shop/api/items").statusCode()).isEqualTo(200);
      assertThat(String.join("\n", output)).doesNotContain("OutOfMemoryError");
      assertThat(peak).as("peak RSS in KiB (started at %d)", before).isLessThan(512 * 1024);
    }
  }

  private void assertMarkers(ServerNode node, Set<String> allowed) throws Exception {
    for (int i = 0; i < 40; i++) {
      HttpResponse<String> r = get(node, "/shop/api/items");
      assertThat(r.statusCode()).isEqualTo(200);
      Matcher m = MARKER.matcher(r.body());
      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).isIn(allowed);
    }
  }

  private HttpResponse<String> get(ServerNode node, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.gateway() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
