package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Misbehaving guests are contained: each gets the right status, a generic body with a request id,
 * and a well-behaved client hammering the same server at the same time sees no error at all.
 */
class ContainmentIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.up("examples/misbehave");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url(path)))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void misbehavingGuestsGetTheirStatusWhileAGoodClientSeesNoError() throws Exception {
    Map<String, Integer> expected =
        Map.of(
            "/loop", 504,
            "/membomb", 500,
            "/trap", 500,
            "/huge", 500,
            "/badcgi", 500);
    AtomicLong goodOk = new AtomicLong();
    List<String> goodFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      Future<?> good =
          pool.submit(
              () -> {
                // A bounded number of requests, stopped early once the bad ones are done.
                for (int i = 0; i < 20_000 && running.get() == 1; i++) {
                  try {
                    HttpResponse<String> r = get("/ok");
                    if (r.statusCode() == 200 && r.body().startsWith("ok")) {
                      goodOk.incrementAndGet();
                    } else {
                      goodFailures.add(r.statusCode() + " " + r.body());
                    }
                  } catch (Exception e) {
                    goodFailures.add(e.toString());
                  }
                }
              });
      List<? extends Future<?>> bad =
          expected.keySet().stream()
              .flatMap(p -> java.util.stream.Stream.of(p, p))
              .map(
                  p ->
                      (Future<?>)
                          pool.submit(
                              () -> {
                                HttpResponse<String> r = get(p);
                                seen.merge(p, r.statusCode(), (a, b) -> a.equals(b) ? a : -1);
                                assertThat(r.body())
                                    .as(p + " body")
                                    .contains("request id: ")
                                    .doesNotContain("unreachable", "wasm", "/work", "Exception");
                                assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
                                return null;
                              }))
              .toList();
      for (Future<?> f : bad) {
        f.get();
      }
      running.set(0);
      good.get();
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(goodFailures).isEmpty();
    assertThat(goodOk.get()).isPositive();
    // And the server is still serving everyone afterwards.
    assertThat(get("/ok").statusCode()).isEqualTo(200);
  }

  @Test
  void noStateLeaksBetweenConcurrentRequests() throws Exception {
    Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<? extends Future<?>> all =
          java.util.stream.IntStream.range(0, 400)
              .mapToObj(
                  i ->
                      (Future<?>)
                          pool.submit(
                              () -> {
                                HttpResponse<String> r = get("/counter");
                                bodies
                                    .computeIfAbsent(
                                        r.statusCode() + " " + r.body().trim(),
                                        k -> new AtomicInteger())
                                    .incrementAndGet();
                                return null;
                              }))
              .toList();
      for (Future<?> f : all) {
        f.get();
      }
    }
    assertThat(bodies.keySet()).containsExactly("200 count=1 fresh=yes");
    assertThat(bodies.get("200 count=1 fresh=yes").get()).isEqualTo(400);
  }

  @Test
  void aGuestCannotReadOutsideItsMounts() throws Exception {
    HttpResponse<String> r = get("/escape");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("TOP-SECRET").doesNotContain("root:");
    List<String> probes =
        r.body()
            .lines()
            .filter(l -> !l.startsWith("preopens:") && !l.startsWith("result:"))
            .toList();
    // Reading ok.txt inside the mount works; every escape and every write is denied.
    java.util.function.Predicate<String> okRead =
        l -> l.contains("ok.txt") && !l.startsWith("write");
    assertThat(probes.stream().filter(okRead.negate()))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(l -> assertThat(l).endsWith(": denied"));
    assertThat(probes.stream().filter(okRead))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("READ"));
    assertThat(r.body()).contains("result: contained");
  }

  @Test
  void guestStderrReachesTheLogWithTheRequestId() throws Exception {
    HttpResponse<String> r = get("/stderr");
    assertThat(r.statusCode()).isEqualTo(200);
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(server.stderr())
                    .anySatisfy(
                        l ->
                            assertThat(l)
                                .contains("requestId=" + id)
                                .contains("component=stderr")
                                .contains("log line from guest")));
  }
}
