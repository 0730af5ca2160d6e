package dev.wasmlet.kube;

import dev.wasmlet.client.AppPacker;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.trust.ContentStore;
import dev.wasmlet.trust.DockerConfig;
import dev.wasmlet.trust.FetchedManifest;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator's side of the registry: resolves a WasmApp's source to a digest, checks the
 * artifact's signatures and provenance against its policy, and pulls and packs it once per digest
 * for every executor. Credentials come from the Docker config the operator's environment names
 * ({@code DOCKER_CONFIG}, a mounted Secret); plain HTTP only for registries on this machine, and
 * only when asked.
 */
final class Artifacts {
  private static final int PREPARED_KEPT = 32;

  private static final int PINNED_KEPT = 20_000;

  /** A source pinned to its digest. */
  record Resolved(Reference pinned, String digest) {}

  private final ContentStore store;
  private final boolean insecureLoopback;
  private final Map<String, PreparedArtifact> prepared = lru(PREPARED_KEPT);
  private final Map<String, Resolved> pinnedBySpec = lru(PINNED_KEPT);
  private final Map<String, Verdict> verifiedBySpec = lru(PINNED_KEPT);

  Artifacts(ContentStore store, boolean insecureLoopback) {
    this.store = store;
    this.insecureLoopback = insecureLoopback;
  }

  private static <V> Map<String, V> lru(int kept) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > kept;
          }
        });
  }

  /** A client of the reference's registry, with the operator's credentials for it. */
  private Registry registry(Reference ref) {
    Registry.Builder b = Registry.builder(ref).withInsecure(insecureLoopback && ref.isLoopback());
    DockerConfig.fromEnvironment().credentials(ref.registry()).ifPresent(b::withCredentials);
    return b.build();
  }

  /**
   * The digest {@code source} names, asked of its registry once per {@code spec} (a WasmApp's uid
   * and generation): a tag is pinned when the spec changes, as Knative pins a revision's image, and
   * a tag pushed again later moves nothing until the WasmApp changes.
   *
   * @throws dev.wasmlet.trust.TrustException when the reference is malformed or the registry cannot
   *     say what it names
   */
  Resolved resolve(String spec, String source) {
    String key = spec + "\n" + source;
    Resolved r = pinnedBySpec.get(key);
    if (r == null) {
      Reference ref = Reference.parse(source);
      FetchedManifest m = registry(ref).fetchManifest(ref);
      r = new Resolved(ref.withDigest(m.digest()), m.digest());
      pinnedBySpec.put(key, r);
    }
    return r;
  }

  /**
   * Checks the artifact against the policy, once per {@code spec} and digest while it passes (a
   * refusal is asked again each time, so a signature added later is seen).
   *
   * @throws dev.wasmlet.signing.PolicyRejected naming the first check that fails
   */
  Verdict verify(String spec, Resolved r, Supplier<Policy> policy) {
    String key = spec + "\n" + r.digest();
    Verdict v = verifiedBySpec.get(key);
    if (v == null) {
      Registry registry = registry(r.pinned());
      v =
          new Verifier(policy.get())
              .verify(
                  AttachedBundles.of(registry, r.pinned(), r.digest())
                      .evidence(r.digest(), registry.host()));
      verifiedBySpec.put(key, v);
    }
    return v;
  }

  /** Pulls and packs the artifact, once per digest. */
  PreparedArtifact prepare(Resolved r) {
    PreparedArtifact p = prepared.get(r.digest());
    if (p == null) {
      ArtifactForDeploy a = ArtifactForDeploy.pull(registry(r.pinned()), r.pinned(), store);
      p = new PreparedArtifact(r.digest(), AppPacker.pack(a.pulled().directory()), a.artifact());
      prepared.put(r.digest(), p);
    }
    return p;
  }
}
