package dev.wasmlet.kube;

import dev.wasmlet.client.AdminClient;
import dev.wasmlet.client.AppPacker;
import dev.wasmlet.client.AppSummary;
import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.Deployment;
import dev.wasmlet.client.Endpoint;
import dev.wasmlet.client.Revision;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.UploadProgress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Brings one executor in line with a WasmApp through its admin API: deploys the desired artifact
 * and routing when the executor serves anything else, and reports how its rollout stands. A rollout
 * that failed on the desired digest is reported, not retried in a loop: a new digest or routing
 * starts a new one.
 */
final class ExecutorSync {
  private static final Duration CALL_LIMIT = Duration.ofSeconds(60);

  private final String token;

  ExecutorSync(String token) {
    this.token = token;
  }

  private AdminClient connect(ExecutorRecord e) {
    return AdminClient.connect(
            new Endpoint(e.admin().toString(), Optional.of(token), "executor " + e.name()))
        .withTimeout(CALL_LIMIT);
  }

  /**
   * Where {@code e} stands with {@code want}, deploying it first when it serves nothing of the app,
   * or something else and {@code mayReplace} (rollouts move one executor at a time).
   */
  ExecutorState ensure(
      ExecutorRecord e, DesiredApp want, boolean mayReplace, Supplier<PreparedArtifact> prepare) {
    try (AdminClient c = connect(e)) {
      Optional<AppSummary> now =
          c.apps().stream().filter(a -> a.name().equals(want.app())).findFirst();
      if (now.isPresent() && now.get().rollout().isPresent()) {
        AppSummary s = now.get();
        Rollout r = s.rollout().get();
        if (!r.finished()) {
          return new ExecutorState(
              e.name(),
              ExecutorState.Phase.PROGRESSING,
              "rolling out revision " + r.revision() + " (" + r.percent() + "% of traffic)");
        }
        Revision latest = c.revision(want.app(), r.revision());
        boolean sameArtifact =
            latest.verification().map(v -> v.subject().endsWith("@" + want.digest())).orElse(false);
        boolean sameHosts =
            new HashSet<>(s.routing().hosts()).equals(new HashSet<>(want.hosts()))
                && s.routing().prefix().equals("/");
        if (sameArtifact && sameHosts) {
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
                  Optional.of(p.artifact())));
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
    try (AdminClient c = connect(e)) {
      if (c.apps().stream().anyMatch(a -> a.name().equals(app))) {
        c.deleteApp(app);
      }
      return true;
    } catch (ClientException x) {
      return false;
    }
  }
}
