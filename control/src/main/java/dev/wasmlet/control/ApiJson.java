package dev.wasmlet.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.gateway.AppRouting;
import dev.wasmlet.signing.Policy;
import java.util.Map;
import java.util.Optional;

/** The admin API's JSON shapes, built in one place (see openapi.json). */
final class ApiJson {
  private ApiJson() {}

  static ObjectNode rollout(Rollout r) {
    ObjectNode o = Json.object();
    o.put("id", r.id());
    o.put("app", r.app());
    o.put("revision", r.revision());
    if (r.from().isPresent()) {
      o.put("from", r.from().get());
    } else {
      o.putNull("from");
    }
    o.set("strategy", strategy(r.strategy()));
    o.put("state", r.state().label());
    o.put("step", r.step());
    o.put("percent", r.percent());
    o.put("message", r.message());
    o.put("startedAt", r.startedAt().toString());
    if (r.finishedAt().isPresent()) {
      o.put("finishedAt", r.finishedAt().get().toString());
    } else {
      o.putNull("finishedAt");
    }
    return o;
  }

  static ObjectNode strategy(Strategy s) {
    ObjectNode o = Json.object();
    o.put("type", s.type().label());
    if (s.type() == Strategy.Type.CANARY) {
      ArrayNode steps = o.putArray("steps");
      s.steps().forEach(steps::add);
      o.put("stepInterval", seconds(s.stepInterval()));
      if (!s.stepPauses().isEmpty()) {
        ArrayNode pauses = o.putArray("stepPauses");
        s.stepPauses().forEach(d -> pauses.add(seconds(d)));
      }
      o.put("maxErrorRate", s.maxErrorRate());
      o.put("maxP99", seconds(s.maxP99()));
      o.put("minRequests", s.minRequests());
    }
    return o;
  }

  private static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  static ObjectNode routing(AppRouting r) {
    ObjectNode o = Json.object();
    ArrayNode hosts = o.putArray("hosts");
    r.hosts().forEach(hosts::add);
    o.put("prefix", r.prefix());
    return o;
  }

  static ObjectNode revision(Revision r, int percent) {
    ObjectNode o = Json.object();
    o.put("number", r.number());
    o.put("digest", r.digest());
    o.put("createdAt", r.createdAt().toString());
    o.put("cause", r.cause());
    o.put("state", r.state().label());
    putOptional(o, "reason", r.reason());
    o.put("percent", percent);
    ArrayNode components = o.putArray("components");
    r.components()
        .forEach(
            (id, sha) -> {
              ObjectNode c = components.addObject();
              c.put("id", id);
              c.put("sha256", sha);
            });
    ObjectNode vars = o.putObject("variables");
    r.variables().forEach(vars::put);
    ObjectNode secrets = o.putObject("secrets");
    r.secrets().forEach(secrets::put);
    putOptional(o, "healthRoute", r.healthRoute());
    if (!r.source().overrides().isEmpty()) {
      o.set("overrides", OverridesJson.write(r.source().overrides()));
    }
    if (r.verification().isPresent()) {
      o.set("verification", r.verification().get().toJson());
    } else {
      o.putNull("verification");
    }
    return o;
  }

  /** The policy a server enforces: public keys by id (never a path), rules as written. */
  static ObjectNode policy(Policy p) {
    ObjectNode o = Json.object();
    ArrayNode keys = o.putArray("trustedKeys");
    p.trustedKeys().forEach(k -> keys.add(k.id()));
    o.put("requireProvenance", p.requireProvenance());
    ArrayNode builders = o.putArray("allowedBuilders");
    p.allowedBuilders().forEach(builders::add);
    ArrayNode sources = o.putArray("allowedSources");
    p.allowedSources().forEach(sources::add);
    ArrayNode registries = o.putArray("allowedRegistries");
    p.allowedRegistries().forEach(registries::add);
    o.put("allowUnsignedLocal", p.allowUnsignedLocal());
    return o;
  }

  static ObjectNode traffic(Map<Integer, Integer> split) {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray("traffic");
    split.forEach(
        (n, p) -> {
          ObjectNode t = a.addObject();
          t.put("revision", n);
          t.put("percent", p);
        });
    return o;
  }

  static void putOptional(ObjectNode o, String key, Optional<String> v) {
    if (v.isPresent()) {
      o.put(key, v.get());
    } else {
      o.putNull(key);
    }
  }

  static ObjectNode problem(int status, String type, String detail) {
    ObjectNode o = Json.object();
    o.put("type", "https://wasmlet.dev/problems/" + type);
    o.put("title", title(status));
    o.put("status", status);
    o.put("detail", detail);
    return o;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 403 -> "Forbidden";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
