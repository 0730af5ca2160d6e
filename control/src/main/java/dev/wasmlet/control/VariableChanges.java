package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to an app's variables and secrets. A serving app gets a new revision with the values as
 * they will be, committed together with the change; an app that serves nothing just stores them.
 */
final class VariableChanges {
  private final ServerConfig config;
  private final AppStore apps;
  private final VariableStore variables;
  private final Revisions revisions;
  private final SupplyChainGate gate;
  private final Runtimes runtimes;
  private final Deployments deployments;
  private final RolloutJobs jobs;

  VariableChanges(
      ServerConfig config,
      AppStore apps,
      VariableStore variables,
      Revisions revisions,
      SupplyChainGate gate,
      Runtimes runtimes,
      Deployments deployments,
      RolloutJobs jobs) {
    this.config = config;
    this.apps = apps;
    this.variables = variables;
    this.revisions = revisions;
    this.gate = gate;
    this.runtimes = runtimes;
    this.deployments = deployments;
    this.jobs = jobs;
  }

  ValueChange setVariable(String app, String name, Optional<String> value) {
    Sanitize.appName(app);
    Sanitize.variableName("variable", name);
    AppRuntime rt = runtimes.getOrNew(app);
    rt.operations.lock();
    try {
      boolean exists = apps.app(app).isPresent();
      Map<String, String> vars = new LinkedHashMap<>(exists ? variables.vars(app) : Map.of());
      if (value.isPresent()) {
        if (value.get().equals(vars.get(name))) {
          return ValueChange.unchanged();
        }
        vars.put(name, value.get());
      } else if (vars.remove(name) == null) {
        throw ApiProblem.notFound("app \"" + app + "\" has no variable " + name);
      }
      return change(
          rt,
          "vars",
          vars,
          deployments.currentSecrets(app, exists),
          Map.of(),
          db -> {
            ensureApp(db, app);
            if (value.isPresent()) {
              VariableStore.setVar(db, app, name, value.get());
            } else {
              VariableStore.removeVar(db, app, name);
            }
            return null;
          });
    } finally {
      rt.operations.unlock();
    }
  }

  ValueChange setSecret(String app, String name, Optional<String> value) {
    Sanitize.appName(app);
    Sanitize.variableName("secret", name);
    AppRuntime rt = runtimes.getOrNew(app);
    rt.operations.lock();
    try {
      boolean exists = apps.app(app).isPresent();
      Map<String, Integer> secrets = new LinkedHashMap<>(deployments.currentSecrets(app, exists));
      Map<String, String> given = new LinkedHashMap<>();
      if (value.isPresent()
          && secrets.containsKey(name)
          && holds(app, name, secrets, value.get())) {
        return ValueChange.unchanged();
      }
      if (value.isPresent()) {
        secrets.put(name, apps.store().tx(db -> VariableStore.nextVersion(db, app, name)));
        given.put(name, value.get());
      } else if (secrets.remove(name) == null) {
        throw ApiProblem.notFound("app \"" + app + "\" has no secret " + name);
      }
      return change(
          rt,
          "secrets",
          exists ? variables.vars(app) : Map.of(),
          secrets,
          given,
          db -> {
            ensureApp(db, app);
            if (value.isPresent()) {
              variables.setSecret(db, app, name, value.get());
            } else {
              VariableStore.removeSecret(db, app, name);
            }
            return null;
          });
    } finally {
      rt.operations.unlock();
    }
  }

  /** Whether the secret's current version holds {@code value} (compared in constant time). */
  private boolean holds(String app, String name, Map<String, Integer> secrets, String value) {
    String now = variables.open(app, name, secrets.get(name));
    return MessageDigest.isEqual(
        now.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Applies a change of variables or secrets: when the app serves, a new revision is staged with
   * the values as they will be, and the change, the revision and its rollout commit together; an
   * app that does not lock with the new values gets a 422 and nothing changes.
   */
  private ValueChange change(
      AppRuntime rt,
      String cause,
      Map<String, String> vars,
      Map<String, Integer> secrets,
      Map<String, String> newSecretValues,
      Store.Work<Void> store) {
    Optional<Integer> current = Deployments.active(rt);
    Optional<Revisions.Staged> staged = Optional.empty();
    if (current.isPresent()) {
      Revision base = apps.revision(rt.name, current.get()).orElseThrow();
      Verification verification = gate.admit(rt.name, Optional.empty(), base.source());
      Revisions.Staged s =
          revisions
              .stage(rt.name, base.source(), cause, vars, secrets, newSecretValues)
              .withVerification(verification);
      if (s.draft().digest().equals(base.digest())) {
        revisions.workspace().discard(s.dir());
      } else {
        staged = Optional.of(s);
      }
    }
    if (staged.isEmpty()) {
      apps.store().tx(store);
      return new ValueChange(true, Optional.empty());
    }
    AppRecord record = apps.app(rt.name).orElseThrow();
    Rollout rollout =
        deployments.commitRevision(rt, record, staged.get(), Strategy.allAtOnce(), store);
    jobs.start(rt, rollout);
    return new ValueChange(true, Optional.of(rollout));
  }

  private void ensureApp(java.sql.Connection db, String app) throws java.sql.SQLException {
    if (AppStore.app(db, app).isEmpty()) {
      AppStore.putApp(
          db,
          new AppRecord(
              app,
              new AppRouting(List.of(), "/" + app),
              AdmissionLimits.defaultsFor(config.gateway().guestSlots()),
              Instant.now()));
    }
  }
}
