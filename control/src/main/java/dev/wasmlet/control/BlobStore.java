package dev.wasmlet.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code blobs/sha256/<hex>}. A blob is written to a temp file,
 * hashed as it arrives, fsynced and renamed into place only when its digest matches, so a blob that
 * is visible is always whole. Every read hashes it again: a blob changed on disk is an error, never
 * served.
 */
public final class BlobStore {
  public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final Path root;
  private final Path tmp;

  public BlobStore(Path dataDir) {
    this.root = dataDir.resolve("blobs").resolve("sha256");
    this.tmp = dataDir.resolve("blobs").resolve("tmp");
    try {
      Files.createDirectories(root);
      Files.createDirectories(tmp);
      // Uploads that a crash interrupted: never visible, removed on start.
      try (Stream<Path> left = Files.list(tmp)) {
        for (Path p : left.toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new ControlException("cannot prepare the blob store in " + root + ": " + e, e);
    }
  }

  /**
   * @throws ApiProblem 400 when the text is not {@code sha256:<64 lowercase hex>}
   */
  public static String checkDigest(String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw ApiProblem.invalid(
          "\"" + Sanitize.quote(digest) + "\" is not a digest; write sha256:<64 lowercase hex>");
    }
    return digest;
  }

  public boolean has(String digest) {
    return Files.isRegularFile(file(digest));
  }

  public long size(String digest) {
    try {
      return Files.size(file(digest));
    } catch (IOException e) {
      throw ApiProblem.notFound("blob " + digest + " is not stored; upload it first");
    }
  }

  /**
   * Stores the bytes of the stream under the given digest.
   *
   * @return true when it was stored now, false when it was there already
   * @throws ApiProblem 413 past {@code maxBytes}, 400 when the bytes do not hash to the digest
   */
  public boolean put(String digest, InputStream in, long maxBytes) throws IOException {
    checkDigest(digest);
    if (has(digest)) {
      in.transferTo(OutputStream.nullOutputStream());
      return false;
    }
    Path part = Files.createTempFile(tmp, "upload-", ".part");
    try {
      MessageDigest sha = sha256();
      long total = 0;
      try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new ApiProblem(
                413,
                "too-large",
                "blob "
                    + digest
                    + " is larger than the upload limit of "
                    + maxBytes
                    + " bytes; raise it with wasmlet server --max-upload");
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
        out.flush();
        ch.force(true);
      }
      String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(digest)) {
        throw new ApiProblem(
            400,
            "digest-mismatch",
            "the uploaded bytes hash to " + actual + ", not " + digest + "; upload the right file");
      }
      Path target = file(digest);
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new ControlException("the blob store needs atomic renames: " + e.getMessage(), e);
      }
      target.toFile().setReadOnly();
      Fsync.directory(root);
      return true;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * The blob's bytes, hashed again on the way.
   *
   * @throws ControlException when it is missing or no longer matches its digest
   */
  public byte[] read(String digest) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file(digest));
    } catch (IOException e) {
      throw new ControlException("blob " + digest + " is missing from the blob store", e);
    }
    String actual = "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    if (!actual.equals(digest)) {
      throw new ControlException(
          "blob " + digest + " is corrupt on disk (it hashes to " + actual + "); refusing it");
    }
    return bytes;
  }

  /** Every stored blob's digest. */
  public Stream<String> digests() throws IOException {
    return Files.list(root).map(p -> "sha256:" + p.getFileName());
  }

  public void delete(String digest) throws IOException {
    Files.deleteIfExists(file(digest));
  }

  Path path(String digest) {
    return file(digest);
  }

  private Path file(String digest) {
    return root.resolve(checkDigest(digest).substring("sha256:".length()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
