package dev.wasmlet.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the blobs an image manifest names from a registry and checks each against its digest and
 * size: for {@code wasmlet verify} (every byte, not just the signature) and for copying artifacts
 * ({@link ArtifactCopy}). A blob is never read past the size its descriptor gives.
 */
public final class ArtifactBlobs {
  private ArtifactBlobs() {}

  /** What a check read. */
  public record Checked(int blobs, long bytes) {}

  /** The config and the layers of a manifest, in order. */
  public static List<Blob> of(ImageManifest m) {
    List<Blob> out = new ArrayList<>();
    out.add(m.config());
    out.addAll(m.layers());
    return out;
  }

  /**
   * Fetches every blob of the manifest at {@code ref} and checks it.
   *
   * @throws DigestMismatch naming the first blob whose bytes or size differ
   */
  public static Checked check(Registry registry, Reference ref, FetchedManifest manifest) {
    long bytes = 0;
    List<Blob> blobs = of(ImageManifest.parse(manifest.json(), ref.toString()));
    for (Blob b : blobs) {
      bytes += copy(registry, ref.repository(), b, OutputStream.nullOutputStream(), ref);
    }
    return new Checked(blobs.size(), bytes);
  }

  /** Fetches a blob into a new file in {@code dir}, checked; returns the file. */
  static Path download(Registry registry, Reference ref, Blob blob, Path dir) {
    Path f;
    try {
      f = Files.createTempFile(dir, "blob", ".part");
      try (OutputStream out = Files.newOutputStream(f)) {
        copy(registry, ref.repository(), blob, out, ref);
      }
    } catch (IOException e) {
      throw new StoreFailed("cannot keep blob " + blob.digest() + " in " + dir + ": " + e, e);
    }
    return f;
  }

  private static long copy(
      Registry registry, String repository, Blob blob, OutputStream out, Reference what) {
    Sha256 sha = new Sha256();
    long n = 0;
    try (InputStream in = registry.fetchBlob(repository, blob.digest())) {
      byte[] buf = new byte[64 * 1024];
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        n += r;
        if (n > blob.size()) {
          throw new DigestMismatch(
              blob(blob, what),
              blob.digest(),
              "more than the " + blob.size() + " bytes its descriptor gives",
              "the registry's copy is damaged; push the artifact again");
        }
        sha.update(buf, 0, r);
        out.write(buf, 0, r);
      }
    } catch (IOException e) {
      throw new RegistryFailed("reading " + blob(blob, what) + ": " + e.getMessage(), e);
    }
    String actual = sha.digest();
    if (!actual.equals(blob.digest()) || n != blob.size()) {
      throw new DigestMismatch(
          blob(blob, what),
          blob.digest() + " (" + blob.size() + " bytes)",
          actual + " (" + n + " bytes)",
          "the registry's copy is damaged; push the artifact again");
    }
    return n;
  }

  private static String blob(Blob b, Reference what) {
    return "blob "
        + b.title().map(t -> t + " (" + b.digest() + ")").orElse(b.digest())
        + " of "
        + what;
  }
}
