package dev.wasmlet.trust;

/**
 * Pulls an artifact into the {@link ContentStore}: the manifest (checked against the digest the
 * registry or the reference names), then each blob the store lacks, each checked against its digest
 * before it is kept. Blobs already in the store are not fetched again; reading them checks them.
 * Then the app directory is laid out from the store ({@link AppLayout}).
 */
public final class ArtifactPull {
  private ArtifactPull() {}

  public static PulledApp pull(Registry registry, Reference ref, ContentStore store) {
    FetchedManifest fetched = registry.fetchManifest(ref);
    if (!store.contains(fetched.digest())) {
      store.put(fetched.digest(), fetched.json());
    }
    ImageManifest manifest = ImageManifest.parse(fetched.json(), ref.toString());
    fetch(registry, ref, store, manifest.config(), "the config");
    for (Blob layer : manifest.layers()) {
      fetch(registry, ref, store, layer, "layer " + layer.title().orElse(layer.digest()));
    }
    return AppLayout.materialize(store, ref.withDigest(fetched.digest()));
  }

  private static void fetch(
      Registry registry, Reference ref, ContentStore store, Blob blob, String what) {
    if (store.contains(blob.digest())) {
      return;
    }
    store.put(
        blob.digest(), registry.fetchBlob(ref.repository(), blob.digest()), what + " of " + ref);
  }
}
