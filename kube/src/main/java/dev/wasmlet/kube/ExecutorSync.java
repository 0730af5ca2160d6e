package dev.wasmlet.kube;

import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.client.AdminClient;
import dev.wasmlet.client.AppDetail;
import dev.wasmlet.client.AppPacker;
import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.Deployment;
import dev.wasmlet.client.Endpoint;
import dev.wasmlet.client.Revision;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.ServerRefused;
import dev.wasmlet.client.UploadProgress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Brings executors in line with WasmApps through their admin APIs: deploys the desired artifact and
 * routing when an executor serves anything else, and reports how its rollout stands. A rollout that
 * failed on the desired digest is reported, not retried in a loop: a new digest or routing starts a
 * new one. Long-lived and shared by concurrent reconciles: one HTTP client per executor (replaced
 * when its address or the token changes), one GET per app and executor on a settled pass, and each
 * revision's artifact remembered (revisions never change). Variables and secrets are set before the
 * first deploy, and on a serving app one change per pass, each its own revision and rollout.
 */
final class ExecutorSync {
  private static final Duration CALL_LIMIT = Duration.ofSeconds(60);
  private static final int REVISIONS_KEPT = 100_000;

  private record Client(String admin, String token, AdminClient client) {}

  /**
   * What a revision runs, as far as the operator decides it: the subject (registry reference) it
   * was verified as ("" for none) and the overrides it was deployed with.
   */
  private record Deployed(String subject, ManifestOverrides overrides) {}

  private final Supplier<String> token;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Deployed> revisions = new ConcurrentHashMap<>();
  private final ExecutorVariables variables = new ExecutorVariables();

  ExecutorSync(Supplier<String> token) {
    this.token = token;
  }

  private AdminClient connect(ExecutorRecord e) {
    String t = token.get();
    String admin = e.admin().toString();
    Client c =
        clients.compute(
            e.name(),
            (name, old) -> {
              if (old != null && old.admin().equals(admin) && old.token().equals(t)) {
                return old;
              }
              if (old != null) {
                Thread.startVirtualThread(old.client()::close); // waits for its calls in flight
              }
              return new Client(
                  admin,
                  t,
                  AdminClient.connect(new Endpoint(admin, Optional.of(t), "executor " + name))
                      .withTimeout(CALL_LIMIT));
            });
    return c.client();
  }

  /** The app on the executor; empty when it has none by that name. */
  private static Optional<AppDetail> find(AdminClient c, String app) {
    try {
      return Optional.of(c.app(app));
    } catch (ServerRefused r) {
      if (r.status() == 404) {
        return Optional.empty();
      }
      throw r;
    }
  }

  /** Revision {@code number} as {@link Deployed}; remembered, since revisions never change. */
  private Deployed deployed(ExecutorRecord e, AdminClient c, String app, int number) {
    String key = e.name() + "\n" + e.admin() + "\n" + app + "\n" + number;
    Deployed known = revisions.get(key);
    if (known != null) {
      return known;
    }
    Revision r = c.revision(app, number);
    Deployed d = new Deployed(r.verification().map(v -> v.subject()).orElse(""), r.overrides());
    if (revisions.size() >= REVISIONS_KEPT) {
      revisions.clear();
    }
    revisions.put(key, d);
    return d;
  }

  /**
   * Where {@code e} stands with {@code want}, deploying it first when it serves nothing of the app,
   * or something else and {@code mayReplace} (rollouts move one executor at a time).
   */
  ExecutorState ensure(
      ExecutorRecord e, DesiredApp want, boolean mayReplace, Supplier<PreparedArtifact> prepare) {
    try {
      AdminClient c = connect(e);
      Optional<AppDetail> detail = find(c, want.app());
      Optional<AppSummary> now = detail.map(AppDetail::summary);
      List<ExecutorVariables.Change> changes =
          variables.changes(e.name(), c, want.app(), detail, want.variables());
      if (now.isPresent() && now.get().rollout().isPresent()) {
        AppSummary s = now.get();
        Rollout r = s.rollout().get();
        if (!r.finished()) {
          return new ExecutorState(
              e.name(),
              ExecutorState.Phase.PROGRESSING,
              "rolling out revision " + r.revision() + " (" + r.percent() + "% of traffic)");
        }
        Deployed running = deployed(e, c, want.app(), r.revision());
        boolean sameSource =
            running.subject().endsWith("@" + want.digest())
                && running.overrides().equals(want.overrides());
        boolean sameHosts =
            new HashSet<>(s.routing().hosts()).equals(new HashSet<>(want.hosts()))
                && s.routing().prefix().equals("/");
        if (sameSource && sameHosts && !changes.isEmpty()) {
          if (!mayReplace) {
            return new ExecutorState(
                e.name(),
                ExecutorState.Phase.PROGRESSING,
                "waiting for its turn to change "
                    + changes.get(0).what()
                    + ": one executor rolls out at a time");
          }
          for (ExecutorVariables.Change ch : changes) {
            if (ch.apply().getAsBoolean()) { // each change is a revision: one per pass
              return new ExecutorState(
                  e.name(),
                  ExecutorState.Phase.PROGRESSING,
                  "changed " + ch.what() + " (a new revision rolls out)");
            }
            // the executor held it already (a new leader sets its secrets once more): go on
          }
        }
        if (sameSource && sameHosts) {
          if (r.succeeded() && s.healthy()) {
            return new ExecutorState(
                e.name(), ExecutorState.Phase.READY, "serving revision " + r.revision());
          }
          if (r.succeeded()) {
            return new ExecutorState(
                e.name(),
                ExecutorState.Phase.FAILED,
                "revision " + r.revision() + " fails its health checks");
          }
          return new ExecutorState(
              e.name(),
              ExecutorState.Phase.FAILED,
              "rollout of revision " + r.revision() + " " + r.state() + ": " + r.message());
        }
        if (!mayReplace) {
          return new ExecutorState(
              e.name(),
              ExecutorState.Phase.PROGRESSING,
              "waiting for its turn: one executor rolls out at a time");
        }
      }
      if (now.isEmpty() || now.get().rollout().isEmpty()) {
        for (ExecutorVariables.Change ch : changes) {
          boolean unused = ch.apply().getAsBoolean(); // not serving yet: no revision each
        }
      }
      PreparedArtifact p = prepare.get();
      AppPacker.upload(c, p.packed(), UploadProgress.silent());
      Rollout started =
          c.deploy(
              want.app(),
              new Deployment(
                  p.packed().manifest(),
                  p.packed().fileMap(),
                  want.strategy(),
                  want.hosts(),
                  Optional.of("/"),
                  Optional.empty(),
                  Optional.of(p.artifact()),
                  want.overrides()));
      return new ExecutorState(
          e.name(),
          ExecutorState.Phase.PROGRESSING,
          "deployed " + want.digest() + " as revision " + started.revision());
    } catch (ClientException x) {
      return new ExecutorState(
          e.name(), ExecutorState.Phase.FAILED, "executor " + e.name() + ": " + x.getMessage());
    }
  }

  /** Deletes the app from {@code e}; true when it is gone (or was never there). */
  boolean remove(ExecutorRecord e, String app) {
    try {
      AdminClient c = connect(e);
      if (find(c, app).isPresent()) {
        c.deleteApp(app);
      }
      variables.forget(e.name(), app);
      return true;
    } catch (ClientException x) {
      return false;
    }
  }
}
