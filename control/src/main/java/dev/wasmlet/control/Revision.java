package dev.wasmlet.control;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, digest-pinned version of an app: its files (by blob digest), the non-secret
 * variable values it was locked with, the secrets it uses by name and version (never their values)
 * and what locking found (module digests, health route). Only its state and reason change.
 *
 * @param digest SHA-256 over the source, variables and secret versions: equal digests run the same
 * @param components module SHA-256 by component id, from the locked app
 * @param verification what the supply-chain checks found when it last was admitted (empty for a
 *     revision stored before the server checked them)
 */
public record Revision(
    String app,
    int number,
    String digest,
    Instant createdAt,
    String cause,
    State state,
    Optional<String> reason,
    RevisionSource source,
    Map<String, String> variables,
    Map<String, Integer> secrets,
    Optional<String> healthRoute,
    Map<String, String> components,
    Optional<Verification> verification) {
  public Revision {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** Where a revision stands. */
  public enum State {
    /** Created; not (or no longer) taking traffic, may take it. */
    READY,
    /** Taking some or all of the traffic. */
    ACTIVE,
    /** Never took traffic: it did not load, build an instance or pass its health check. */
    FAILED,
    /** Took traffic and had it taken away by an automatic rollback. */
    ROLLED_BACK,
    /** Took traffic, then was replaced. */
    RETIRED,
    /** Refused by the server's supply-chain policy: it does not run (see its reason). */
    REJECTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public Revision withState(State s, Optional<String> why) {
    return new Revision(
        app,
        number,
        digest,
        createdAt,
        cause,
        s,
        why,
        source,
        variables,
        secrets,
        healthRoute,
        components,
        verification);
  }

  public Revision withVerification(Verification v) {
    return new Revision(
        app,
        number,
        digest,
        createdAt,
        cause,
        state,
        reason,
        source,
        variables,
        secrets,
        healthRoute,
        components,
        Optional.of(v));
  }
}
