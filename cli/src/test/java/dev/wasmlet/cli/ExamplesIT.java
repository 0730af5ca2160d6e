package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance from data: every example app is served by a real {@code wasmlet up} and every case in
 * its {@code expect.json} is replayed over HTTP.
 */
class ExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static Stream<String> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(ServerProcess.root().resolve("examples"))) {
      List<String> names =
          dirs.filter(d -> Files.exists(d.resolve("expect.json")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
      assertThat(names).as("examples with expect.json").hasSizeGreaterThanOrEqualTo(5);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleAnswersAsItsExpectFileSays(String example) throws Exception {
    Path dir = ServerProcess.root().resolve("examples").resolve(example);
    JsonNode cases = JSON.readTree(dir.resolve("expect.json").toFile());
    try (ServerProcess server = ServerProcess.up("examples/" + example)) {
      SoftAssertions soft = new SoftAssertions();
      for (JsonNode c : cases) {
        check(server, c, soft);
      }
      soft.assertAll();
    }
  }

  static void check(ServerProcess server, JsonNode c, SoftAssertions soft) throws Exception {
    String name = c.path("name").asText(c.path("path").asText());
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(server.url(c.path("path").asText())))
            .timeout(Duration.ofSeconds(30));
    String body = c.path("body").asText("");
    req.method(
        c.path("method").asText("GET"),
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (Map.Entry<String, JsonNode> h : iterable(c.path("headers"))) {
      req.header(h.getKey(), h.getValue().asText());
    }
    HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    soft.assertThat(res.statusCode()).as(name + ": status").isEqualTo(c.path("status").asInt());
    for (Map.Entry<String, JsonNode> h : iterable(c.path("headers_expected"))) {
      soft.assertThat(res.headers().firstValue(h.getKey()))
          .as(name + ": header " + h.getKey())
          .hasValueSatisfying(v -> assertThat(v).startsWith(h.getValue().asText()));
    }
    if (c.has("body_equals")) {
      soft.assertThat(res.body()).as(name + ": body").isEqualTo(c.path("body_equals").asText());
    }
    for (JsonNode part : c.path("body_contains")) {
      soft.assertThat(res.body()).as(name + ": body").contains(part.asText());
    }
    for (JsonNode part : c.path("body_not_contains")) {
      soft.assertThat(res.body()).as(name + ": body").doesNotContain(part.asText());
    }
    soft.assertThat(res.headers().firstValue("X-Request-Id"))
        .as(name + ": request id header")
        .isPresent();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    node.properties().forEach(out::add);
    return out;
  }
}
