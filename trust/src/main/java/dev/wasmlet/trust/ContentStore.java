package dev.wasmlet.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A local content-addressed store: each blob lives at {@code blobs/sha256/<hex>} under the root,
 * written to a temp file while hashed, fsynced, and renamed into place only when its digest
 * matches. Every read hashes again; a blob whose bytes no longer match its name is a {@link
 * DigestMismatch}, never fetched again behind the caller's back.
 */
public final class ContentStore {
  private final Path root;

  private ContentStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** A store under {@code root}, created on first write. */
  public static ContentStore at(Path root) {
    return new ContentStore(root);
  }

  /**
   * The default root: {@code $WASMLET_OCI_DIR}, else {@code $XDG_CACHE_HOME/wasmlet/oci}, else
   * {@code ~/.cache/wasmlet/oci}.
   */
  public static Path defaultRoot() {
    String env = System.getenv("WASMLET_OCI_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "wasmlet", "oci");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "wasmlet", "oci");
  }

  public Path root() {
    return root;
  }

  /** Where a blob lives (whether or not it is there). */
  public Path blobPath(String digest) {
    return root.resolve("blobs").resolve("sha256").resolve(Sha256.hex(digest));
  }

  /** Whether a blob is present; its bytes are checked when read, not here. */
  public boolean contains(String digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** Stores bytes under their digest. */
  public void put(String digest, byte[] bytes) {
    put(digest, new java.io.ByteArrayInputStream(bytes), "blob " + digest);
  }

  /**
   * Stores a stream under the digest it is expected to have; nothing is stored when it has another.
   *
   * @param what the blob in messages, e.g. {@code layer "hello.wasm" of 127.0.0.1:5000/a:1}
   * @throws DigestMismatch when the bytes hash to another digest
   */
  public void put(String digest, InputStream in, String what) {
    Path target = blobPath(digest);
    Path tmp = null;
    try (in) {
      Files.createDirectories(target.getParent());
      Path tmpDir = Files.createDirectories(root.resolve("tmp"));
      tmp = Files.createTempFile(tmpDir, Sha256.hex(digest).substring(0, 12), ".part");
      String actual = copyHashing(in, tmp);
      if (!actual.equals(digest)) {
        throw new DigestMismatch(
            what, digest, actual, "the registry sent other bytes than its manifest names");
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new StoreFailed(
          "cannot write " + what + " to the content store " + root + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temp file is harmless: it is never named by a digest
        }
      }
    }
  }

  /**
   * Reads a whole blob, checking its digest.
   *
   * @throws DigestMismatch when the stored bytes were changed
   */
  public byte[] read(String digest) {
    Path p = blobPath(digest);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw missingOrUnreadable(digest, p, e);
    }
    String actual = Sha256.of(bytes);
    if (!actual.equals(digest)) {
      throw tampered(digest, p, actual);
    }
    return bytes;
  }

  /**
   * Copies a blob to a file, checking its digest on the way; the file is removed on a mismatch.
   *
   * @throws DigestMismatch when the stored bytes were changed
   */
  public void copyTo(String digest, Path target) {
    Path p = blobPath(digest);
    String actual;
    try (InputStream in = Files.newInputStream(p)) {
      actual = copyHashing(in, target);
    } catch (IOException e) {
      throw missingOrUnreadable(digest, p, e);
    }
    if (!actual.equals(digest)) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException ignored) {
        // the mismatch is what the caller must hear about
      }
      throw tampered(digest, p, actual);
    }
  }

  private static String copyHashing(InputStream in, Path target) throws IOException {
    Sha256 sha = new Sha256();
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return sha.digest();
  }

  private static DigestMismatch tampered(String digest, Path p, String actual) {
    return new DigestMismatch(
        "blob " + p,
        digest,
        actual,
        "the local store was changed after the blob was written; delete " + p + " and pull again");
  }

  private StoreFailed missingOrUnreadable(String digest, Path p, IOException e) {
    return new StoreFailed(
        "blob "
            + digest
            + " cannot be read from the content store "
            + root
            + " ("
            + p
            + "): "
            + e.getMessage()
            + "; pull the artifact again",
        e);
  }
}
