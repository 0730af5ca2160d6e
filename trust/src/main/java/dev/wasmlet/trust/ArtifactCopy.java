package dev.wasmlet.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies an artifact from one repository (or registry) to another with everything attached to it:
 * the manifest byte for byte (so its digest, which signatures name, is unchanged), every blob it
 * names, and every attachment ({@link Attachments#list}) with its blobs, listed at the destination
 * by the registry's referrers API or the tag fallback. Every blob is checked against its digest on
 * the way ({@link ArtifactBlobs}); blobs the destination has are not sent again. Mirroring with
 * {@code skopeo copy} loses the attachments; this does not.
 */
public final class ArtifactCopy {
  private ArtifactCopy() {}

  /** What a copy did. */
  public record Report(
      String digest, int blobsCopied, int blobsPresent, long bytesCopied, int attachments) {}

  /**
   * Copies {@code source} (read through {@code from}) to {@code target} (written through {@code
   * to}); a target without a tag is pushed by digest.
   *
   * @throws ReferenceInvalid when {@code target} names a digest other than the source's
   * @throws ArtifactUnsupported when the source is not an image manifest (an index, say)
   */
  public static Report copy(Registry from, Reference source, Registry to, Reference target) {
    FetchedManifest m = from.fetchManifest(source);
    if (target.digest().isPresent() && !target.digest().get().equals(m.digest())) {
      throw new ReferenceInvalid(
          target
              + " names digest "
              + target.digest().get()
              + " but "
              + source
              + " is "
              + m.digest()
              + "; a copy keeps the digest: drop it from the destination or name the same one",
          null);
    }
    Counts counts = new Counts();
    Path tmp;
    try {
      tmp = Files.createTempDirectory("wasmlet-copy");
    } catch (IOException e) {
      throw new StoreFailed("cannot make a temporary directory for the copy: " + e, e);
    }
    try {
      blobs(
          from, source, to, target, ImageManifest.parse(m.json(), source.toString()), tmp, counts);
      if (target.tag().isPresent()) {
        to.pushManifest(target.repository(), target.tag().get(), m.json());
      } else {
        to.pushManifestByDigest(target.repository(), m.json());
      }
      int attachments = 0;
      for (Attachments.Attached a : Attachments.list(from, source.repository(), m.digest())) {
        ImageManifest am =
            ImageManifest.parse(a.manifest(), source.repository() + "@" + a.digest());
        blobs(from, source, to, target, am, tmp, counts);
        if (!to.pushManifestByDigest(target.repository(), a.manifest())) {
          Attachments.index(to, target.repository(), m.digest(), a);
        }
        attachments++;
      }
      return new Report(m.digest(), counts.copied, counts.present, counts.bytes, attachments);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static final class Counts {
    int copied;
    int present;
    long bytes;
  }

  private static void blobs(
      Registry from,
      Reference source,
      Registry to,
      Reference target,
      ImageManifest m,
      Path tmp,
      Counts counts) {
    for (Blob b : ArtifactBlobs.of(m)) {
      if (to.hasBlob(target.repository(), b.digest())) {
        counts.present++;
        continue;
      }
      Path f = ArtifactBlobs.download(from, source, b, tmp);
      try {
        to.pushBlob(
            target.repository(),
            b,
            () -> {
              try {
                return Files.newInputStream(f);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } finally {
        deleteQuietly(f);
      }
      counts.copied++;
      counts.bytes += b.size();
    }
  }

  private static void deleteQuietly(Path p) {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary file left behind is not worth failing a finished copy for
    }
  }
}
