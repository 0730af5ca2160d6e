package dev.wasmlet.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pushes an app artifact: asks for each blob first and uploads only those the registry lacks, so a
 * push interrupted half-way resumes where it stopped and pushing the same app again sends no blob;
 * the manifest goes last, so a tag never names an artifact with missing blobs.
 */
public final class ArtifactPush {
  private ArtifactPush() {}

  /**
   * @throws ReferenceInvalid when {@code ref} has no tag
   */
  public static PushReport push(Registry registry, Reference ref, AppArtifact artifact) {
    String tag =
        ref.tag()
            .orElseThrow(
                () ->
                    new ReferenceInvalid(
                        ref + " has no tag; push to REGISTRY/REPOSITORY:TAG, e.g. :1.0", null));
    List<String> sent = new ArrayList<>();
    List<String> present = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long bytes = 0;
    Blob config = artifact.manifest().config();
    if (upload(registry, ref, config, () -> new ByteArrayInputStream(artifact.config()))) {
      sent.add("config");
      bytes += config.size();
    } else {
      present.add("config");
    }
    seen.add(config.digest());
    for (ArtifactFile f : artifact.files()) {
      // the same bytes under two paths are one blob: sent once
      if (!seen.add(f.blob().digest())) {
        present.add(f.path());
      } else if (upload(registry, ref, f.blob(), () -> open(f))) {
        sent.add(f.path());
        bytes += f.blob().size();
      } else {
        present.add(f.path());
      }
    }
    String digest = registry.pushManifest(ref.repository(), tag, artifact.manifest().toJson());
    return new PushReport(ref.withDigest(digest), digest, sent, present, bytes);
  }

  private static boolean upload(
      Registry registry,
      Reference ref,
      Blob blob,
      java.util.function.Supplier<java.io.InputStream> content) {
    if (registry.hasBlob(ref.repository(), blob.digest())) {
      return false;
    }
    registry.pushBlob(ref.repository(), blob, content);
    return true;
  }

  private static java.io.InputStream open(ArtifactFile f) {
    try {
      return Files.newInputStream(f.source());
    } catch (IOException e) {
      throw new PackFailed("cannot read " + f.source() + ": " + e.getMessage() + "; push again", e);
    }
  }
}
