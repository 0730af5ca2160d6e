package dev.wasmlet.control;

import java.util.Optional;

/**
 * What setting a variable or secret did: nothing, when it already had that value (no version, no
 * revision: setting is idempotent, so a Kubernetes operator or a script may set values again
 * freely), else the rollout of the new revision, or none when the app serves nothing yet.
 */
record ValueChange(boolean changed, Optional<Rollout> rollout) {
  static ValueChange unchanged() {
    return new ValueChange(false, Optional.empty());
  }
}
