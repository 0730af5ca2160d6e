package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import dev.wasmlet.gateway.AppTable;
import dev.wasmlet.gateway.GatewayException;
import dev.wasmlet.gateway.HealthProbe;
import dev.wasmlet.gateway.HostedApp;
import dev.wasmlet.gateway.ServedRevision;
import dev.wasmlet.gateway.TrafficSplit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's desired state in motion: deploys become revisions and rollouts, rollouts move
 * traffic, rollbacks and traffic changes go through the same safe path, and every change is
 * committed to the store before the gateway sees it, so a restart finds what was last promised.
 */
final class Control implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final ServerConfig config;
  private final AppStore apps;
  private final VariableStore variables;
  private final Revisions revisions;
  private final AppTable table;
  private final Metrics metrics;
  private final AppLogs logs;
  private final SupplyChain supplyChain;
  private final HealthProbe probe = new HealthProbe();
  private final Map<String, AppRuntime> runtimes = new ConcurrentHashMap<>();
  private volatile boolean ready;
  private volatile boolean closing;

  Control(
      ServerConfig config,
      AppStore apps,
      VariableStore variables,
      Revisions revisions,
      AppTable table,
      Metrics metrics,
      AppLogs logs,
      SupplyChain supplyChain) {
    this.config = config;
    this.supplyChain = supplyChain;
    this.apps = apps;
    this.variables = variables;
    this.revisions = revisions;
    this.table = table;
    this.metrics = metrics;
    this.logs = logs;
  }

  /** A deploy as the API received it. */
  record DeployRequest(
      RevisionSource source,
      Strategy strategy,
      Optional<AppRouting> routing,
      Optional<AdmissionLimits> admission) {}

  boolean ready() {
    return ready;
  }

  /** The app's key-value stores and SQLite databases, as its components see them. */
  dev.wasmlet.spin.AppData appData(String app) {
    require(app);
    return revisions.appData(app);
  }

  AppStore apps() {
    return apps;
  }

  VariableStore variables() {
    return variables;
  }

  AppLogs logs() {
    return logs;
  }

  Optional<AppRuntime> runtime(String app) {
    return Optional.ofNullable(runtimes.get(app));
  }

  int revisionsLoaded() {
    return runtimes.values().stream().mapToInt(r -> r.loaded.size()).sum();
  }

  // ---- start

  /**
   * Brings back every app on the revisions and split the store holds, resumes the rollouts a crash
   * interrupted, and removes what no committed state refers to.
   */
  void recover() throws IOException {
    registerCommittedApps();
    Set<String> known = ConcurrentHashMap.newKeySet();
    List<AppRecord> all = apps.apps();
    // Apps are independent: load them on every core at once (each app's own steps stay in order).
    int threads = Math.max(1, Math.min(all.size(), Runtime.getRuntime().availableProcessors()));
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("wasmlet-recover-", 0).daemon().factory())) {
      for (AppRecord a : all) {
        done.add(pool.submit(() -> recover(a, known)));
      }
    }
    for (Future<?> f : done) {
      try {
        f.get(); // a failure outside an app's own revisions (the store) stops the start, as before
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while recovering apps", e);
      }
    }
    revisions.workspace().removeUnknown(known);
    for (Rollout r : apps.unfinishedRollouts()) {
      LOG.info("app {}: resuming rollout {} of revision {}", r.app(), r.id(), r.revision());
      start(runtimes.get(r.app()), r);
    }
    updateGauges();
    ready = true;
  }

  /** Brings one app back on its committed revisions and split; failures are the app's own. */
  private void recover(AppRecord a, Set<String> known) {
    AppRuntime rt = runtime(a);
    for (Revision r : apps.revisions(a.name())) {
      known.add(a.name() + "/" + r.number());
    }
    Map<Integer, Integer> split = apps.traffic(a.name());
    try {
      Map<Integer, Integer> served = new LinkedHashMap<>();
      List<String> refused = new ArrayList<>();
      for (Map.Entry<Integer, Integer> e : split.entrySet()) {
        try {
          load(rt, apps.revision(a.name(), e.getKey()).orElseThrow());
          served.put(e.getKey(), e.getValue());
        } catch (ArtifactRejected r) {
          refused.add("revision " + e.getKey() + " (" + r.getMessage() + ")");
        }
      }
      if (!refused.isEmpty()) {
        rt.healthy = false;
        String why =
            "the server's supply-chain policy refuses "
                + String.join(", ", refused)
                + (served.isEmpty()
                    ? "; no revision serves"
                    : "; revisions " + served.keySet() + " take all the traffic");
        LOG.error("app {}: {}", a.name(), why);
        logs.add(a.name(), "ERROR", -1, null, "policy", why);
        served = rescale(served);
      }
      if (!served.isEmpty()) {
        route(rt, served);
      }
      LOG.info("app {}: serving {}", a.name(), served);
    } catch (RuntimeException e) {
      rt.healthy = false;
      LOG.error(
          "app {}: cannot serve revisions {} after restart: {}", a.name(), split, e.getMessage());
      logs.add(
          a.name(), "ERROR", -1, null, "rollout", "cannot serve after restart: " + e.getMessage());
    }
  }

  /** The same split scaled to sum to 100 (the last revision takes what rounding leaves). */
  static Map<Integer, Integer> rescale(Map<Integer, Integer> split) {
    int sum = split.values().stream().mapToInt(Integer::intValue).sum();
    Map<Integer, Integer> out = new LinkedHashMap<>();
    if (sum == 0) {
      return out;
    }
    int given = 0;
    List<Integer> keys = List.copyOf(split.keySet());
    for (int i = 0; i < keys.size(); i++) {
      int p = i == keys.size() - 1 ? 100 - given : Math.round(split.get(keys.get(i)) * 100f / sum);
      out.put(keys.get(i), p);
      given += p;
    }
    return out;
  }

  /**
   * Puts every committed app in the gateway's table, with no revision yet: until its revisions are
   * loaded a known app answers 503 with Retry-After, never 404. Called before the gateway accepts
   * connections, then again (harmlessly) by {@link #recover}.
   */
  void registerCommittedApps() {
    for (AppRecord a : apps.apps()) {
      runtime(a);
    }
  }

  private AppRuntime runtime(AppRecord a) {
    return runtimes.computeIfAbsent(
        a.name(),
        n -> {
          HostedApp hosted = new HostedApp(n, a.routing(), a.admission());
          table.put(hosted);
          return new AppRuntime(n, hosted);
        });
  }

  // ---- deploy, rollback, traffic

  Rollout deploy(String app, DeployRequest req) {
    Sanitize.appName(app);
    AppRuntime existing = runtimes.get(app);
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
    Verification verification = admit(app, Optional.empty(), req.source());
    AppRuntime rt = existing != null ? existing : new AppRuntime(app, null);
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
      runtimes.putIfAbsent(app, rt);
      start(runtimes.get(app), rollout);
      updateGauges();
      return rollout;
    } finally {
      rt.operations.unlock();
    }
  }

  private Map<String, Integer> currentSecrets(String app, boolean exists) {
    Map<String, Integer> out = new LinkedHashMap<>();
    if (exists) {
      variables.secrets(app).forEach(s -> out.put(s.name(), s.version()));
    }
    return out;
  }

  /**
   * Runs the supply-chain checks on a revision source; a refusal is recorded (and for a stored
   * revision, its state becomes REJECTED) before it is thrown.
   *
   * @param revision the stored revision the source belongs to, empty for a deploy
   * @throws ArtifactRejected at the first check that fails
   */
  private Verification admit(String app, Optional<Revision> revision, RevisionSource source) {
    try {
      return supplyChain.check(source);
    } catch (ArtifactRejected e) {
      Optional<Integer> number = revision.map(Revision::number);
      apps.store()
          .tx(
              db -> {
                AppStore.insertRejection(db, Rejection.of(app, number, e));
                if (number.isPresent()) {
                  AppStore.setRevisionState(
                      db,
                      app,
                      number.get(),
                      Revision.State.REJECTED,
                      Optional.of(
                          "refused by the server's supply-chain policy: " + e.getMessage()));
                }
                return null;
              });
      String what = number.map(n -> "revision " + n).orElse("deploy of " + e.subject());
      LOG.warn("app {}: {} refused by the supply-chain policy: {}", app, what, e.getMessage());
      if (runtimes.containsKey(app)) {
        logs.add(
            app,
            "WARN",
            number.orElse(-1),
            null,
            "policy",
            what + " refused by the supply-chain policy: " + e.getMessage());
      }
      metrics.rejected(app, e.check());
      throw e;
    }
  }

  /**
   * What the supply-chain policy says of a deploy before its files are uploaded: a client asks
   * first so that a refused artifact is not uploaded at all. A refusal is recorded like a refused
   * deploy.
   *
   * @throws ArtifactRejected at the first check that fails
   */
  Verification review(String app, RevisionSource source) {
    Sanitize.appName(app);
    revisions.checkSource(source, false);
    return admit(app, Optional.empty(), source);
  }

  /** Numbers and stores a staged revision with its pending rollout, then places its files. */
  private Rollout commitRevision(
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
                  return AppStore.insertRollout(
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
  private static Optional<Integer> active(AppRuntime rt) {
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

  Rollout rollback(String app, Optional<Integer> to) {
    AppRuntime rt = require(app);
    rt.operations.lock();
    try {
      Optional<Integer> current = active(rt);
      List<Revision> all = apps.revisions(app);
      Revision target;
      if (to.isPresent()) {
        target =
            all.stream()
                .filter(r -> r.number() == to.get())
                .findFirst()
                .orElseThrow(
                    () ->
                        ApiProblem.notFound(
                            "app \""
                                + app
                                + "\" has no revision "
                                + to.get()
                                + "; see wasmlet revisions "
                                + app));
        if (target.state() == Revision.State.FAILED) {
          throw ApiProblem.conflict(
              "revision " + target.number() + " failed to start and cannot take traffic");
        }
      } else {
        target =
            rollbackTarget(all, current.orElse(Integer.MAX_VALUE))
                .orElseThrow(
                    () ->
                        ApiProblem.conflict(
                            "app \""
                                + app
                                + "\" has no earlier healthy revision to roll back to; name one"
                                + " with --to"));
      }
      admit(app, Optional.of(target), target.source());
      Rollout rollout =
          apps.store()
              .tx(
                  db ->
                      AppStore.insertRollout(
                          db,
                          new Rollout(
                              0,
                              app,
                              target.number(),
                              current,
                              Strategy.allAtOnce(),
                              Rollout.State.PENDING,
                              0,
                              0,
                              "rollback to revision " + target.number(),
                              Instant.now(),
                              Optional.empty())));
      logs.add(app, "INFO", target.number(), null, "rollout", rollout.message());
      start(rt, rollout);
      return rollout;
    } finally {
      rt.operations.unlock();
    }
  }

  /** The newest revision before {@code before} that served and was not rolled back or failed. */
  static Optional<Revision> rollbackTarget(List<Revision> newestFirst, int before) {
    return newestFirst.stream()
        .filter(r -> r.number() < before)
        .filter(r -> r.state() == Revision.State.RETIRED || r.state() == Revision.State.READY)
        .findFirst();
  }

  void setTraffic(String app, Map<Integer, Integer> split) {
    AppRuntime rt = require(app);
    int sum = split.values().stream().mapToInt(Integer::intValue).sum();
    for (Map.Entry<Integer, Integer> e : split.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 100) {
        throw ApiProblem.invalid(
            "revision " + e.getKey() + ": percent " + e.getValue() + " is not within 0..100");
      }
    }
    if (sum != 100) {
      throw ApiProblem.invalid(
          "the traffic percents sum to " + sum + "; they must sum to exactly 100");
    }
    rt.operations.lock();
    try {
      cancel(rt);
      for (int n : split.keySet()) {
        Revision r =
            apps.revision(app, n)
                .orElseThrow(
                    () ->
                        ApiProblem.notFound(
                            "app \""
                                + app
                                + "\" has no revision "
                                + n
                                + "; see wasmlet revisions "
                                + app));
        if (r.state() == Revision.State.FAILED) {
          throw ApiProblem.conflict("revision " + n + " failed to start and cannot take traffic");
        }
      }
      for (int n : split.keySet()) {
        if (split.get(n) > 0) {
          LoadedRevision lr = load(rt, apps.revision(app, n).orElseThrow());
          Optional<String> unready = readiness(lr);
          if (unready.isPresent()) {
            throw ApiProblem.conflict("revision " + n + " is not ready: " + unready.get());
          }
        }
      }
      apply(rt, split, Optional.empty(), Map.of());
      logs.add(app, "INFO", -1, null, "rollout", "traffic set to " + split);
    } finally {
      rt.operations.unlock();
    }
  }

  // ---- variables and secrets

  Optional<Rollout> setVariable(String app, String name, Optional<String> value) {
    Sanitize.appName(app);
    Sanitize.variableName("variable", name);
    AppRuntime rt = runtimeOrNew(app);
    rt.operations.lock();
    try {
      boolean exists = apps.app(app).isPresent();
      Map<String, String> vars = new LinkedHashMap<>(exists ? variables.vars(app) : Map.of());
      if (value.isPresent()) {
        vars.put(name, value.get());
      } else if (vars.remove(name) == null) {
        throw ApiProblem.notFound("app \"" + app + "\" has no variable " + name);
      }
      return change(
          rt,
          "vars",
          vars,
          currentSecrets(app, exists),
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

  Optional<Rollout> setSecret(String app, String name, Optional<String> value) {
    Sanitize.appName(app);
    Sanitize.variableName("secret", name);
    AppRuntime rt = runtimeOrNew(app);
    rt.operations.lock();
    try {
      boolean exists = apps.app(app).isPresent();
      Map<String, Integer> secrets = new LinkedHashMap<>(currentSecrets(app, exists));
      Map<String, String> given = new LinkedHashMap<>();
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

  /**
   * Applies a change of variables or secrets: when the app serves, a new revision is staged with
   * the values as they will be, and the change, the revision and its rollout commit together; an
   * app that does not lock with the new values gets a 422 and nothing changes.
   */
  private Optional<Rollout> change(
      AppRuntime rt,
      String cause,
      Map<String, String> vars,
      Map<String, Integer> secrets,
      Map<String, String> newSecretValues,
      Store.Work<Void> store) {
    Optional<Integer> current = active(rt);
    Optional<Revisions.Staged> staged = Optional.empty();
    if (current.isPresent()) {
      Revision base = apps.revision(rt.name, current.get()).orElseThrow();
      Verification verification = admit(rt.name, Optional.empty(), base.source());
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
      return Optional.empty();
    }
    AppRecord record = apps.app(rt.name).orElseThrow();
    Rollout rollout = commitRevision(rt, record, staged.get(), Strategy.allAtOnce(), store);
    start(rt, rollout);
    return Optional.of(rollout);
  }

  private AppRuntime runtimeOrNew(String app) {
    return runtimes.computeIfAbsent(app, n -> new AppRuntime(n, null));
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

  // ---- delete

  void delete(String app) {
    AppRuntime rt = require(app);
    rt.operations.lock();
    try {
      cancel(rt);
      table.remove(app);
      apps.store()
          .tx(
              db -> {
                AppStore.deleteApp(db, app);
                AppStore.deleteRejections(db, app);
                return null;
              });
      runtimes.remove(app);
      for (LoadedRevision lr : rt.loaded.values()) {
        release(rt, lr);
      }
      for (Revision r :
          List.copyOf(rt.loaded.values()).stream().map(LoadedRevision::record).toList()) {
        revisions.workspace().delete(app, r.number());
      }
      try {
        revisions.workspace().removeUnknown(knownRevisionDirs());
      } catch (IOException e) {
        LOG.warn("app {}: removing its files: {}", app, e.toString());
      }
      logs.forget(app);
      updateGauges();
    } finally {
      rt.operations.unlock();
    }
  }

  private Set<String> knownRevisionDirs() {
    Set<String> known = new HashSet<>();
    for (AppRecord a : apps.apps()) {
      for (Revision r : apps.revisions(a.name())) {
        known.add(a.name() + "/" + r.number());
      }
    }
    return known;
  }

  AppRuntime require(String app) {
    Sanitize.appName(app);
    AppRuntime rt = runtimes.get(app);
    if (rt == null || apps.app(app).isEmpty()) {
      throw ApiProblem.notFound("no app named \"" + app + "\"; see wasmlet apps");
    }
    return rt;
  }

  // ---- rollouts

  /** Starts a rollout's job, after stopping the app's running one (which becomes superseded). */
  private void start(AppRuntime rt, Rollout rollout) {
    cancel(rt);
    RolloutJob job = new RolloutJob(this, rt, rollout);
    rt.job = Thread.ofVirtual().name("rollout-" + rt.name + "-" + rollout.id()).start(job);
  }

  private static void cancel(AppRuntime rt) {
    Thread t = rt.job;
    if (t != null && t.isAlive()) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Loads a revision unless it is loaded already. */
  LoadedRevision load(AppRuntime rt, Revision r) {
    LoadedRevision have = rt.loaded.get(r.number());
    if (have != null) {
      return have;
    }
    Verification v = admit(rt.name, Optional.of(r), r.source());
    if (!r.verification().equals(Optional.of(v)) || r.state() == Revision.State.REJECTED) {
      apps.store()
          .tx(
              db -> {
                AppStore.setVerification(db, rt.name, r.number(), v);
                if (r.state() == Revision.State.REJECTED) {
                  AppStore.setRevisionState(
                      db,
                      rt.name,
                      r.number(),
                      AppStore.traffic(db, rt.name).containsKey(r.number())
                          ? Revision.State.ACTIVE
                          : Revision.State.READY,
                      Optional.of("admitted by the server's supply-chain policy again"));
                }
                return null;
              });
    }
    ServedRevision served = revisions.load(r);
    LoadedRevision lr = new LoadedRevision(r, served);
    rt.loaded.put(r.number(), lr);
    updateGauges();
    return lr;
  }

  /**
   * Whether a loaded revision may take traffic: its health route, if it declares one, answers 2xx
   * (three tries, 200 ms apart). Empty when ready, else why not.
   */
  Optional<String> readiness(LoadedRevision lr) {
    if (lr.record().healthRoute().isEmpty()) {
      return Optional.empty();
    }
    String path = lr.record().healthRoute().get();
    HealthProbe.Result last = null;
    for (int i = 0; i < 3; i++) {
      last = probe.get(lr.served(), path);
      if (last.healthy()) {
        return Optional.empty();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
    }
    return Optional.of("health check " + path + " " + last.detail());
  }

  /**
   * Commits a new split (with the rollout's progress and revision states) and then shows it to the
   * gateway; revisions left without traffic are released once their requests finish.
   */
  void apply(
      AppRuntime rt,
      Map<Integer, Integer> split,
      Optional<Rollout> progress,
      Map<Integer, Map.Entry<Revision.State, String>> states) {
    synchronized (rt) {
      apps.store()
          .tx(
              db -> {
                AppStore.setTraffic(db, rt.name, split);
                for (Map.Entry<Integer, Map.Entry<Revision.State, String>> s : states.entrySet()) {
                  AppStore.setRevisionState(
                      db,
                      rt.name,
                      s.getKey(),
                      s.getValue().getKey(),
                      Optional.ofNullable(s.getValue().getValue()));
                }
                if (progress.isPresent()) {
                  AppStore.updateRollout(db, progress.get());
                }
                return null;
              });
      route(rt, split);
      for (LoadedRevision lr : List.copyOf(rt.loaded.values())) {
        boolean keep =
            split.getOrDefault(lr.number(), 0) > 0 || rt.standby.equals(Optional.of(lr.number()));
        if (!keep) {
          release(rt, lr);
        }
      }
    }
  }

  private void route(AppRuntime rt, Map<Integer, Integer> split) {
    List<TrafficSplit.Share> shares = new ArrayList<>();
    split.forEach(
        (n, p) -> {
          if (p > 0) {
            shares.add(new TrafficSplit.Share(rt.loaded.get(n).served(), p));
          }
        });
    rt.hosted.route(TrafficSplit.of(shares));
  }

  /** Releases a loaded revision that takes no traffic (one that failed to become ready). */
  void releaseIfIdle(AppRuntime rt, int n) {
    synchronized (rt) {
      LoadedRevision lr = rt.loaded.get(n);
      boolean inSplit =
          rt.hosted != null
              && rt.hosted.split().map(s -> lr != null && s.contains(lr.served())).orElse(false);
      if (lr != null && !inSplit) {
        release(rt, lr);
      }
    }
  }

  /** Takes a revision out of service; its in-flight requests finish first, in the background. */
  private void release(AppRuntime rt, LoadedRevision lr) {
    rt.loaded.remove(lr.number(), lr);
    rt.probeFailures.remove(lr.number());
    Thread.ofVirtual()
        .name("drain-" + rt.name + "-" + lr.number())
        .start(
            () -> {
              int left = lr.served().retire(config.drainGrace());
              if (left > 0) {
                LOG.warn(
                    "app {} revision {}: released with {} requests in flight",
                    rt.name,
                    lr.number(),
                    left);
              }
              metrics.forget(rt.name, lr.number());
              updateGauges();
            });
  }

  void persist(Rollout r) {
    apps.store()
        .tx(
            db -> {
              AppStore.updateRollout(db, r);
              return null;
            });
    logs.add(
        r.app(),
        r.state() == Rollout.State.PROGRESSING || r.state() == Rollout.State.SUCCEEDED
            ? "INFO"
            : "WARN",
        r.revision(),
        null,
        "rollout",
        r.message());
    if (r.state().terminal()) {
      metrics.rolloutFinished(r.app(), r.state());
    }
  }

  void setRevisionState(String app, int number, Revision.State state, String reason) {
    apps.store()
        .tx(
            db -> {
              AppStore.setRevisionState(db, app, number, state, Optional.of(reason));
              return null;
            });
  }

  Optional<Revision> revision(String app, int number) {
    return apps.revision(app, number);
  }

  /** Drops the oldest revisions past the history limit that serve nothing. */
  void prune(AppRuntime rt) {
    List<Revision> all = apps.revisions(rt.name);
    Map<Integer, Integer> split = apps.traffic(rt.name);
    List<Revision> dropped = new ArrayList<>();
    List<Revision> kept = new ArrayList<>();
    for (Revision r : all) {
      boolean inUse =
          split.containsKey(r.number())
              || rt.loaded.containsKey(r.number())
              || rt.standby.equals(Optional.of(r.number()));
      if (kept.size() >= config.history() && !inUse) {
        dropped.add(r);
      } else {
        kept.add(r);
      }
    }
    if (dropped.isEmpty()) {
      return;
    }
    apps.store()
        .tx(
            db -> {
              for (Revision r : dropped) {
                AppStore.deleteRevision(db, rt.name, r.number());
              }
              VariableStore.prune(db, rt.name, kept);
              return null;
            });
    for (Revision r : dropped) {
      revisions.workspace().delete(rt.name, r.number());
    }
  }

  // ---- health

  /** One round of health probes over every revision taking traffic. */
  void probeAll() {
    for (AppRuntime rt : runtimes.values()) {
      if (rt.rolling() || rt.hosted == null) {
        continue;
      }
      Map<Integer, Integer> split = new LinkedHashMap<>();
      rt.hosted
          .split()
          .ifPresent(
              s -> s.shares().forEach(sh -> split.put(sh.revision().number(), sh.percent())));
      for (int n : split.keySet()) {
        LoadedRevision lr = rt.loaded.get(n);
        if (lr == null || lr.record().healthRoute().isEmpty()) {
          continue;
        }
        String path = lr.record().healthRoute().get();
        HealthProbe.Result res = probe.get(lr.served(), path);
        if (res.healthy()) {
          rt.probeFailures.remove(n);
          continue;
        }
        int failures = rt.probeFailures.merge(n, 1, Integer::sum);
        logs.add(
            rt.name,
            "WARN",
            n,
            null,
            "health",
            "health check " + path + " " + res.detail() + " (" + failures + " in a row)");
        if (failures >= config.probeFailures()) {
          heal(
              rt,
              n,
              "health check " + path + " failed " + failures + " times in a row: " + res.detail());
        }
      }
    }
  }

  private void heal(AppRuntime rt, int unhealthy, String why) {
    if (!rt.operations.tryLock()) {
      return;
    }
    try {
      Optional<Revision> target = rollbackTarget(apps.revisions(rt.name), unhealthy);
      if (target.isEmpty()) {
        rt.healthy = false;
        LOG.error(
            "app {} revision {}: {}; no earlier healthy revision to move to",
            rt.name,
            unhealthy,
            why);
        return;
      }
      LOG.warn(
          "app {} revision {}: {}; moving traffic to revision {}",
          rt.name,
          unhealthy,
          why,
          target.get().number());
      setRevisionState(rt.name, unhealthy, Revision.State.ROLLED_BACK, why);
      Rollout rollout =
          apps.store()
              .tx(
                  db ->
                      AppStore.insertRollout(
                          db,
                          new Rollout(
                              0,
                              rt.name,
                              target.get().number(),
                              Optional.of(unhealthy),
                              Strategy.allAtOnce(),
                              Rollout.State.PENDING,
                              0,
                              0,
                              "self-healing: revision " + unhealthy + " is unhealthy (" + why + ")",
                              Instant.now(),
                              Optional.empty())));
      start(rt, rollout);
    } finally {
      rt.operations.unlock();
    }
  }

  void updateGauges() {
    metrics.gauges(runtimes.size(), revisionsLoaded());
  }

  Metrics metrics() {
    return metrics;
  }

  ServerConfig config() {
    return config;
  }

  private static String describe(AppRouting r) {
    return (r.hosts().isEmpty() ? "any host" : "hosts " + r.hosts()) + ", prefix " + r.prefix();
  }

  /** Whether the server is stopping (a stopped rollout then resumes on restart). */
  boolean closing() {
    return closing;
  }

  @Override
  public void close() {
    closing = true;
    for (AppRuntime rt : runtimes.values()) {
      Thread t = rt.job;
      if (t != null) {
        t.interrupt();
      }
    }
    for (AppRuntime rt : runtimes.values()) {
      for (LoadedRevision lr : rt.loaded.values()) {
        lr.served().retire(Duration.ZERO);
      }
    }
  }
}
