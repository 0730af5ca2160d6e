package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import dev.wasmlet.gateway.AppTable;
import dev.wasmlet.gateway.GatewayException;
import dev.wasmlet.gateway.HostedApp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys: a source becomes a numbered revision with a pending rollout, committed together with the
 * app's routing and admission limits, and then a rollout job moves traffic to it. Variable and
 * secret changes commit their revisions the same way.
 */
final class Deployments {
  private final ServerConfig config;
  private final AppStore apps;
  private final VariableStore variables;
  private final Revisions revisions;
  private final AppTable table;
  private final AppLogs logs;
  private final SupplyChainGate gate;
  private final Runtimes runtimes;
  private final RolloutJobs jobs;

  Deployments(
      ServerConfig config,
      AppStore apps,
      VariableStore variables,
      Revisions revisions,
      AppTable table,
      AppLogs logs,
      SupplyChainGate gate,
      Runtimes runtimes,
      RolloutJobs jobs) {
    this.config = config;
    this.apps = apps;
    this.variables = variables;
    this.revisions = revisions;
    this.table = table;
    this.logs = logs;
    this.gate = gate;
    this.runtimes = runtimes;
    this.jobs = jobs;
  }

  Rollout deploy(String app, Control.DeployRequest req) {
    Sanitize.appName(app);
    Optional<AppRecord> stored = apps.app(app);
    AppRouting routing =
        req.routing()
            .or(() -> stored.map(AppRecord::routing))
            .orElse(new AppRouting(List.of(), "/" + app));
    AdmissionLimits admission =
        req.admission()
            .or(() -> stored.map(AppRecord::admission))
            .orElse(AdmissionLimits.defaultsFor(config.gateway().guestSlots()));
    table
        .conflict(app, routing)
        .ifPresent(
            other -> {
              throw ApiProblem.conflict(
                  "app \""
                      + app
                      + "\": routing "
                      + describe(routing)
                      + " is already served by app \""
                      + other
                      + "\"; choose another prefix or host");
            });
    revisions.checkSource(req.source());
    Verification verification = gate.admit(app, Optional.empty(), req.source());
    // The registered runtime, made now if new: a variable or secret change racing this first
    // deploy takes the same lock and sees the same hosted app (a private runtime put in the map
    // afterwards let both run at once and started the job on the other one).
    AppRuntime rt = runtimes.getOrNew(app);
    rt.operations.lock();
    try {
      Map<String, String> vars = stored.isPresent() ? variables.vars(app) : Map.of();
      Map<String, Integer> secrets = currentSecrets(app, stored.isPresent());
      Revisions.Staged staged =
          revisions
              .stage(app, req.source(), "deploy", vars, secrets, Map.of())
              .withVerification(verification);
      AppRecord record =
          new AppRecord(
              app, routing, admission, stored.map(AppRecord::createdAt).orElse(Instant.now()));
      Rollout rollout = commitRevision(rt, record, staged, req.strategy(), db -> null);
      if (rt.hosted == null
          || !rt.hosted.routing().equals(routing)
          || !rt.hosted.admission().limits().equals(admission)) {
        HostedApp next = new HostedApp(app, routing, admission);
        if (rt.hosted != null) {
          rt.hosted.split().ifPresent(next::route);
        }
        try {
          table.put(next);
        } catch (GatewayException e) {
          throw ApiProblem.conflict(e.getMessage());
        }
        rt.hosted = next;
      }
      jobs.start(rt, rollout);
      runtimes.updateGauges();
      return rollout;
    } finally {
      rt.operations.unlock();
    }
  }

  /** The app's secrets by name, at the versions stored now; none for an app not stored yet. */
  Map<String, Integer> currentSecrets(String app, boolean exists) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (exists) {
      variables.secrets(app).forEach(s -> out.put(s.name(), s.version()));
    }
    return out;
  }

  /** Numbers and stores a staged revision with its pending rollout, then places its files. */
  Rollout commitRevision(
      AppRuntime rt,
      AppRecord record,
      Revisions.Staged staged,
      Strategy strategy,
      Store.Work<Void> alongside) {
    Optional<Integer> from = active(rt);
    Rollout rollout =
        apps.store()
            .tx(
                db -> {
                  alongside.run(db);
                  AppStore.putApp(db, record);
                  int number = AppStore.nextRevision(db, record.name());
                  Revision r = renumber(staged.draft(), number);
                  AppStore.insertRevision(db, r);
                  return RolloutRows.insertRollout(
                      db,
                      new Rollout(
                          0,
                          record.name(),
                          number,
                          from,
                          strategy,
                          Rollout.State.PENDING,
                          0,
                          0,
                          "revision " + number + " created (" + staged.draft().cause() + ")",
                          Instant.now(),
                          Optional.empty()));
                });
    revisions.workspace().place(staged.dir(), record.name(), rollout.revision());
    logs.add(record.name(), "INFO", rollout.revision(), null, "rollout", rollout.message());
    return rollout;
  }

  private static Revision renumber(Revision d, int number) {
    return new Revision(
        d.app(),
        number,
        d.digest(),
        d.createdAt(),
        d.cause(),
        d.state(),
        d.reason(),
        d.source(),
        d.variables(),
        d.secrets(),
        d.healthRoute(),
        d.components(),
        d.verification());
  }

  /** The revision with the largest share of traffic now. */
  static Optional<Integer> active(AppRuntime rt) {
    if (rt.hosted == null) {
      return Optional.empty();
    }
    return rt.hosted
        .split()
        .flatMap(
            s ->
                s.shares().stream()
                    .max(
                        (a, b) ->
                            a.percent() != b.percent()
                                ? Integer.compare(a.percent(), b.percent())
                                : Integer.compare(a.revision().number(), b.revision().number()))
                    .map(share -> share.revision().number()));
  }

  private static String describe(AppRouting r) {
    return (r.hosts().isEmpty() ? "any host" : "hosts " + r.hosts()) + ", prefix " + r.prefix();
  }
}
