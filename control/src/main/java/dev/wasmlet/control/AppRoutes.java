package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.body;
import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.number;
import static dev.wasmlet.control.ApiExchange.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API's apps and what moves their traffic, {@code /api/v1/apps/{app}/...}: listing and
 * describing apps, deploys and admission reviews, rejections, revisions, rollouts, rollbacks and
 * traffic splits, and deleting an app.
 */
final class AppRoutes {
  private final Control control;

  AppRoutes(Control control) {
    this.control = control;
  }

  private ObjectNode summary(String app) {
    AppRecord a =
        control
            .apps()
            .app(app)
            .orElseThrow(
                () -> ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps"));
    Map<Integer, Integer> split = control.apps().traffic(app);
    ObjectNode o = Json.object();
    o.put("name", a.name());
    o.set("routing", ApiJson.routing(a.routing()));
    Optional<Integer> active =
        split.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    if (active.isPresent()) {
      o.put("activeRevision", active.get());
    } else {
      o.putNull("activeRevision");
    }
    o.setAll(ApiJson.traffic(split));
    o.put("revisions", control.apps().revisions(app).size());
    Optional<Rollout> latest = control.apps().latestRollout(app);
    if (latest.isPresent()) {
      o.set("rollout", ApiJson.rollout(latest.get()));
    } else {
      o.putNull("rollout");
    }
    o.put("healthy", control.runtime(app).map(rt -> rt.healthy).orElse(true));
    List<Rejection> rejections = control.apps().rejections(app);
    if (rejections.isEmpty()) {
      o.putNull("lastRejection");
    } else {
      o.set("lastRejection", rejections.get(0).toJson());
    }
    return o;
  }

  void listApps(ServerRequest req, ServerResponse res) {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("apps");
    Set<String> names = new HashSet<>();
    for (AppRecord a : control.apps().apps()) {
      list.add(summary(a.name()));
      names.add(a.name());
    }
    ArrayNode refused = o.putArray("rejected");
    for (Rejection r : control.apps().latestRejections()) {
      if (!names.contains(r.app())) {
        refused.add(r.toJson());
      }
    }
    json(res, 200, o);
  }

  void listRejections(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    List<Rejection> rejections = control.apps().rejections(app);
    if (rejections.isEmpty() && control.apps().app(app).isEmpty()) {
      throw ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps");
    }
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("rejections");
    rejections.forEach(r -> list.add(r.toJson()));
    json(res, 200, o);
  }

  void getApp(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    ObjectNode o = summary(app);
    AppRecord a = control.apps().app(app).orElseThrow();
    ObjectNode adm = o.putObject("admission");
    adm.put("maxConcurrency", a.admission().maxConcurrency());
    adm.put("maxQueue", a.admission().maxQueue());
    ArrayNode vars = o.putArray("vars");
    control.variables().vars(app).keySet().forEach(vars::add);
    ArrayNode secrets = o.putArray("secrets");
    for (VariableStore.SecretInfo s : control.variables().secrets(app)) {
      ObjectNode so = secrets.addObject();
      so.put("name", s.name());
      so.put("version", s.version());
    }
    json(res, 200, o);
  }

  void deleteApp(ServerRequest req, ServerResponse res) {
    control.delete(param(req, "app"));
    res.status(Status.NO_CONTENT_204);
    res.send();
  }

  void deploy(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    JsonNode b = body(req);
    Control.DeployRequest d =
        new Control.DeployRequest(
            DeployBody.source(b),
            DeployBody.strategy(b.get("strategy")),
            DeployBody.routing(b.get("routing"), app),
            DeployBody.admission(b.get("admission")));
    json(res, 202, ApiJson.rollout(control.deploy(app, d)));
  }

  /** Whether the supply-chain policy would admit a deploy, before its files are uploaded. */
  void reviewAdmission(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    json(res, 200, control.review(app, DeployBody.source(body(req))).toJson());
  }

  void getRollout(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    long id = number("rollout id", param(req, "id"));
    Rollout r =
        control
            .apps()
            .rollout(app, id)
            .orElseThrow(() -> ApiProblem.notFound("app \"" + app + "\" has no rollout " + id));
    json(res, 200, ApiJson.rollout(r));
  }

  void listRevisions(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    Map<Integer, Integer> split = control.apps().traffic(app);
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("revisions");
    for (Revision r : control.apps().revisions(app)) {
      list.add(ApiJson.revision(r, split.getOrDefault(r.number(), 0)));
    }
    json(res, 200, o);
  }

  void getRevision(ServerRequest req, ServerResponse res) {
    String app = Sanitize.appName(param(req, "app"));
    control.require(app);
    int n = number("revision", param(req, "n"));
    Revision r = control.apps().revision(app, n).orElseThrow(() -> ApiProblem.noRevision(app, n));
    json(res, 200, ApiJson.revision(r, control.apps().traffic(app).getOrDefault(n, 0)));
  }

  void rollback(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    Optional<Integer> to = Optional.empty();
    if (req.content().hasEntity()) {
      JsonNode b = body(req);
      if (b.has("to") && !b.get("to").isNull()) {
        if (!b.get("to").isInt()) {
          throw ApiProblem.invalid("\"to\" must be a revision number");
        }
        to = Optional.of(b.get("to").asInt());
      }
    }
    json(res, 202, ApiJson.rollout(control.rollback(app, to)));
  }

  void traffic(ServerRequest req, ServerResponse res) throws IOException {
    String app = Sanitize.appName(param(req, "app"));
    JsonNode split = body(req).get("split");
    if (split == null || !split.isObject() || split.isEmpty()) {
      throw ApiProblem.invalid(
          "the body needs \"split\": an object of revision number to percent, e.g. {\"3\": 90, \"4\": 10}");
    }
    Map<Integer, Integer> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = split.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int n = number("revision", e.getKey());
      if (!e.getValue().isInt()) {
        throw ApiProblem.invalid("the percent of revision " + n + " must be a whole number");
      }
      m.put(n, e.getValue().asInt());
    }
    control.setTraffic(app, m);
    json(res, 200, summary(app));
  }
}
