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

/**
 * The operator's side of the registry: resolves a WasmApp's source to a digest, checks the
 * artifact's signatures and provenance against its policy, and pulls and packs it once per digest
 * for every executor. Credentials come from the Docker config the operator's environment names
 * ({@code DOCKER_CONFIG}, a mounted Secret); plain HTTP only for registries on this machine, and
 * only when asked.
 */
final class Artifacts {
  private static final int PREPARED_KEPT = 32;

  /** A source pinned to its digest. */
  record Resolved(Reference pinned, Registry registry, String digest) {}

  private final ContentStore store;
  private final boolean insecureLoopback;
  private final Map<String, PreparedArtifact> prepared =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedArtifact> eldest) {
              return size() > PREPARED_KEPT;
            }
          });

  Artifacts(ContentStore store, boolean insecureLoopback) {
    this.store = store;
    this.insecureLoopback = insecureLoopback;
  }

  /**
   * @throws dev.wasmlet.trust.TrustException when the reference is malformed or the registry cannot
   *     say what it names
   */
  Resolved resolve(String source) {
    Reference ref = Reference.parse(source);
    Registry.Builder b = Registry.builder(ref).withInsecure(insecureLoopback && ref.isLoopback());
    DockerConfig.fromEnvironment().credentials(ref.registry()).ifPresent(b::withCredentials);
    Registry registry = b.build();
    FetchedManifest m = registry.fetchManifest(ref);
    return new Resolved(ref.withDigest(m.digest()), registry, m.digest());
  }

  /**
   * @throws dev.wasmlet.signing.PolicyRejected naming the first check that fails
   */
  Verdict verify(Resolved r, Policy policy) {
    return new Verifier(policy)
        .verify(
            AttachedBundles.of(r.registry(), r.pinned(), r.digest())
                .evidence(r.digest(), r.registry().host()));
  }

  /** Pulls and packs the artifact, once per digest. */
  PreparedArtifact prepare(Resolved r) {
    PreparedArtifact p = prepared.get(r.digest());
    if (p == null) {
      ArtifactForDeploy a = ArtifactForDeploy.pull(r.registry(), r.pinned(), store);
      p = new PreparedArtifact(r.digest(), AppPacker.pack(a.pulled().directory()), a.artifact());
      prepared.put(r.digest(), p);
    }
    return p;
  }
}
