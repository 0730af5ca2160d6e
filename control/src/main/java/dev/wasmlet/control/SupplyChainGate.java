package dev.wasmlet.control;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where revision sources meet the server's supply-chain policy: a deploy, a rollback and a load all
 * pass here, and every refusal is recorded (rejections, revision state, app log, metrics) before it
 * is thrown.
 */
final class SupplyChainGate {
  private static final Logger LOG = LoggerFactory.getLogger("wasmlet.control");

  private final SupplyChain supplyChain;
  private final AppStore apps;
  private final Revisions revisions;
  private final AppLogs logs;
  private final Metrics metrics;
  private final Runtimes runtimes;

  SupplyChainGate(
      SupplyChain supplyChain,
      AppStore apps,
      Revisions revisions,
      AppLogs logs,
      Metrics metrics,
      Runtimes runtimes) {
    this.supplyChain = supplyChain;
    this.apps = apps;
    this.revisions = revisions;
    this.logs = logs;
    this.metrics = metrics;
    this.runtimes = runtimes;
  }

  /**
   * Runs the supply-chain checks on a revision source; a refusal is recorded (and for a stored
   * revision, its state becomes REJECTED) before it is thrown.
   *
   * @param revision the stored revision the source belongs to, empty for a deploy
   * @throws ArtifactRejected at the first check that fails
   */
  Verification admit(String app, Optional<Revision> revision, RevisionSource source) {
    try {
      return supplyChain.check(source);
    } catch (ArtifactRejected e) {
      Optional<Integer> number = revision.map(Revision::number);
      apps.store()
          .tx(
              db -> {
                RejectionRows.insertRejection(db, Rejection.of(app, number, e));
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
      if (runtimes.contains(app)) {
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
}
