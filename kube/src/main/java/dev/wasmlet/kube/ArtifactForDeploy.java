package dev.wasmlet.kube;

import dev.wasmlet.client.DeployedArtifact;
import dev.wasmlet.trust.ArtifactPull;
import dev.wasmlet.trust.ContentStore;
import dev.wasmlet.trust.ImageManifest;
import dev.wasmlet.trust.MediaTypes;
import dev.wasmlet.trust.PulledApp;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.util.Optional;

/**
 * An artifact pulled for a deploy: its app directory, and what a server's supply-chain policy
 * checks it by. {@code wasmlet deploy --from} and the operator both deploy this way.
 *
 * @param pulled where the pull laid the app out
 * @param artifact the manifest and config, the locked app of an artifact pushed by Spin 2 or later
 *     (a layer the server plans the app's files from), and the signature and provenance bundles
 *     filed with it
 */
public record ArtifactForDeploy(PulledApp pulled, DeployedArtifact artifact) {

  /**
   * Pulls {@code ref} (every blob checked against its digest) into {@code store} and reads back its
   * evidence.
   *
   * @throws dev.wasmlet.trust.TrustException when the registry refuses or the artifact is broken
   */
  public static ArtifactForDeploy pull(Registry registry, Reference ref, ContentStore store) {
    PulledApp pulled = ArtifactPull.pull(registry, ref, store);
    byte[] manifest = store.read(pulled.digest());
    ImageManifest m = ImageManifest.parse(manifest, ref.toString());
    Optional<byte[]> lockedApp =
        m.layers().stream()
            .filter(l -> l.mediaType().equals(MediaTypes.SPIN_CONFIG))
            .findFirst()
            .map(l -> store.read(l.digest()));
    AttachedBundles bundles = AttachedBundles.of(registry, ref, pulled.digest());
    return new ArtifactForDeploy(
        pulled,
        new DeployedArtifact(
            pulled.reference().toString(),
            manifest,
            store.read(m.config().digest()),
            lockedApp,
            bundles.signatures(),
            bundles.provenances()));
  }
}
