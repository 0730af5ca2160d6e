package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a deployment body: the manifest, files and artifact of its source, and the optional
 * strategy, routing and admission limits. Every bad field is a problem that names it and shows a
 * good value.
 */
final class DeployBody {

  private DeployBody() {}

  /** The manifest, files, artifact and overrides of a deployment body. */
  static RevisionSource source(JsonNode b) {
    String manifest = text(b, "manifest", true).orElseThrow();
    JsonNode files = b.get("files");
    if (files == null || !files.isObject()) {
      throw ApiProblem.invalid("\"files\" must be an object of relative path to sha256 digest");
    }
    Map<String, String> fileMap = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ApiProblem.invalid(
            "files[\"" + Sanitize.quote(e.getKey()) + "\"] must be a digest string");
      }
      fileMap.put(e.getKey(), e.getValue().asText());
    }
    JsonNode artifact = b.get("artifact");
    if (artifact != null && !artifact.isObject()) {
      throw ApiProblem.invalid(
          "\"artifact\" must be an object (the artifact a deploy --from carries); leave it out"
              + " for local files");
    }
    return new RevisionSource(
        manifest,
        fileMap,
        artifact != null ? Optional.of(Artifact.fromJson(artifact)) : Optional.empty(),
        OverridesJson.read(b.get("overrides")));
  }

  static Strategy strategy(JsonNode n) {
    if (n == null || n.isNull()) {
      return Strategy.allAtOnce();
    }
    if (!n.isObject()) {
      throw ApiProblem.invalid("\"strategy\" must be an object such as {\"type\":\"canary\"}");
    }
    Strategy.Type type = Strategy.Type.parse(text(n, "type", true).orElseThrow());
    if (type != Strategy.Type.CANARY) {
      Strategy base = Strategy.allAtOnce();
      return new Strategy(
          type,
          base.steps(),
          base.stepInterval(),
          base.maxErrorRate(),
          base.maxP99(),
          base.minRequests());
    }
    Strategy d = Strategy.canaryDefaults();
    List<Integer> steps = d.steps();
    if (n.has("steps")) {
      JsonNode s = n.get("steps");
      if (!s.isArray() || s.isEmpty()) {
        throw ApiProblem.invalid(
            "\"strategy.steps\" must be a list of percents such as [10, 50, 100]");
      }
      steps = new ArrayList<>();
      int last = 0;
      for (JsonNode p : s) {
        if (!p.isInt() || p.asInt() <= last || p.asInt() > 100) {
          throw ApiProblem.invalid(
              "\"strategy.steps\" must rise strictly within 1..100, e.g. [10, 50, 100]; got "
                  + Sanitize.quote(s.toString()));
        }
        last = p.asInt();
        steps.add(last);
      }
      if (last != 100) {
        throw ApiProblem.invalid("\"strategy.steps\" must end at 100, e.g. [10, 50, 100]");
      }
    }
    Duration interval =
        n.has("stepInterval")
            ? duration("strategy.stepInterval", n.get("stepInterval"))
            : d.stepInterval();
    Duration p99 = n.has("maxP99") ? duration("strategy.maxP99", n.get("maxP99")) : d.maxP99();
    double rate = d.maxErrorRate();
    if (n.has("maxErrorRate")) {
      JsonNode r = n.get("maxErrorRate");
      if (!r.isNumber() || r.asDouble() < 0 || r.asDouble() > 1) {
        throw ApiProblem.invalid(
            "\"strategy.maxErrorRate\" must be a number within 0..1, e.g. 0.05");
      }
      rate = r.asDouble();
    }
    int min = d.minRequests();
    if (n.has("minRequests")) {
      JsonNode m = n.get("minRequests");
      if (!m.isInt() || m.asInt() < 1) {
        throw ApiProblem.invalid("\"strategy.minRequests\" must be a positive integer");
      }
      min = m.asInt();
    }
    List<Duration> pauses = new ArrayList<>();
    if (n.has("stepPauses")) {
      JsonNode p = n.get("stepPauses");
      if (!p.isArray() || p.size() != steps.size() - 1) {
        throw ApiProblem.invalid(
            "\"strategy.stepPauses\" must give one duration per step below 100 ("
                + (steps.size() - 1)
                + " for steps "
                + steps
                + "), e.g. [\"2s\", \"30s\"]");
      }
      for (int i = 0; i < p.size(); i++) {
        pauses.add(duration("strategy.stepPauses[" + i + "]", p.get(i)));
      }
    }
    return new Strategy(type, steps, interval, rate, p99, min, pauses);
  }

  static Duration duration(String field, JsonNode n) {
    String s = n.isTextual() ? n.asText().trim() : "";
    try {
      Duration d;
      if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        d = Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      } else if (s.endsWith("m")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
      } else {
        throw new NumberFormatException();
      }
      if (d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(
          "\""
              + field
              + "\" must be a duration such as \"500ms\", \"30s\" or \"5m\" (at most 24 h)");
    }
  }

  static Optional<AppRouting> routing(JsonNode n, String app) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    List<String> hosts = new ArrayList<>();
    JsonNode h = n.get("hosts");
    if (h != null && !h.isNull()) {
      if (!h.isArray()) {
        throw ApiProblem.invalid("\"routing.hosts\" must be a list of host names");
      }
      for (JsonNode x : h) {
        String host = x.asText();
        if (!host.matches(
            "(\\*\\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*")) {
          throw ApiProblem.invalid("host \"" + Sanitize.quote(host) + "\" is not a host name");
        }
        hosts.add(host);
      }
    }
    String prefix = text(n, "prefix", false).orElse(hosts.isEmpty() ? "/" + app : "/");
    if (!prefix.matches("/|(/[A-Za-z0-9._~-]+)+")) {
      throw ApiProblem.invalid(
          "prefix \""
              + Sanitize.quote(prefix)
              + "\" must be \"/\" or like \"/shop\" (no trailing '/')");
    }
    return Optional.of(new AppRouting(hosts, prefix));
  }

  static Optional<AdmissionLimits> admission(JsonNode n) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    JsonNode c = n.get("maxConcurrency");
    JsonNode q = n.get("maxQueue");
    if (c == null || !c.isInt() || q == null || !q.isInt()) {
      throw ApiProblem.invalid("\"admission\" needs integers maxConcurrency and maxQueue");
    }
    try {
      return Optional.of(new AdmissionLimits(c.asInt(), q.asInt()));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("admission: " + e.getMessage());
    }
  }
}
