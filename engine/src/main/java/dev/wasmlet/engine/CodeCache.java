package dev.wasmlet.engine;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The persistent compiled-code cache: one file per module digest under a directory named after the
 * engine version, so a new engine never loads code an older one produced.
 *
 * <p>An entry is {@code MAGIC, sha256(payload), payload}. Writes go to a temp file that is fsynced
 * and atomically renamed, so a crash leaves either no entry or a whole one. Every read recomputes
 * the checksum; a mismatch deletes the entry and reports a miss, so the module is recompiled and a
 * corrupt entry is never trusted.
 */
public final class CodeCache implements Cache {
  private static final System.Logger LOG = System.getLogger(CodeCache.class.getName());
  private static final byte[] MAGIC = "WASMLET-CODE-1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 32;

  private final Path dir;
  private final EngineStats stats;

  CodeCache(Path root, EngineStats stats) {
    this.dir = root.resolve(EngineVersion.cacheKey());
    this.stats = stats;
  }

  /** The directory holding this engine version's entries. */
  public Path directory() {
    return dir;
  }

  /** The file that holds (or would hold) the entry for a Chicory digest key. */
  Path entryFor(String key) {
    return dir.resolve(fileName(key));
  }

  @Override
  public byte[] get(String key) throws IOException {
    Path file = entryFor(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      stats.cacheMiss();
      return null;
    }
    if (isIntact(bytes)) {
      stats.cacheHit();
      return Arrays.copyOfRange(bytes, HEADER, bytes.length);
    }
    LOG.log(
        Level.WARNING,
        "compiled-code cache entry {0} is corrupt; deleting it and recompiling",
        file);
    stats.cacheCorrupted();
    Files.deleteIfExists(file);
    return null;
  }

  @Override
  public void putIfAbsent(String key, byte[] data) throws IOException {
    Path file = entryFor(key);
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + data.length);
        buf.put(MAGIC).put(Digests.sha256(data)).put(data).flip();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Marks an entry whose bytes were intact but whose classes failed to load as unusable. */
  public void evict(String key) {
    try {
      Files.deleteIfExists(entryFor(key));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete cache entry " + entryFor(key), e);
    }
  }

  private static boolean isIntact(byte[] bytes) {
    if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return false;
    }
    byte[] expected = Arrays.copyOfRange(bytes, MAGIC.length, HEADER);
    byte[] actual = Digests.sha256(bytes, HEADER, bytes.length - HEADER);
    return Arrays.equals(expected, actual);
  }

  /** Chicory keys look like {@code sha-256:<base64>}; files are named by the hex digest. */
  static String fileName(String key) {
    int colon = key.indexOf(':');
    String algo = colon < 0 ? "key" : key.substring(0, colon).replaceAll("[^a-z0-9]", "");
    String value = colon < 0 ? key : key.substring(colon + 1);
    String hex;
    try {
      hex = HexFormat.of().formatHex(Base64.getDecoder().decode(value));
    } catch (IllegalArgumentException e) {
      hex = HexFormat.of().formatHex(Digests.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
    return algo + "-" + hex + ".code";
  }
}
