package dev.wasmlet.client;

import dev.wasmlet.app.AppException;
import dev.wasmlet.app.FileMount;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.Manifest;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.app.VariableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Packs an app directory for the server: the manifest, every module and every mounted file, each
 * named by its path in the app and pinned by its SHA-256; then uploads only the blobs the server
 * lacks, so an interrupted upload resumes where it stopped and a redeploy sends only what changed.
 */
public final class AppPacker {
  private AppPacker() {}

  /**
   * Finds the files an app needs, validating its manifest on the way (the server validates again).
   *
   * @param manifestOrDir an app directory or its manifest file
   * @throws PackFailed with the manifest's problems, or naming a file that cannot be read
   */
  public static PackedApp pack(Path manifestOrDir) {
    LockedApp locked;
    Path manifestFile;
    try {
      manifestFile = Manifests.find(manifestOrDir);
      locked = Manifests.lock(manifestFile, placeholders(Manifests.parse(manifestFile)));
    } catch (AppException e) {
      throw new PackFailed(e.getMessage(), e);
    }
    Path base = locked.baseDir();
    Map<String, Path> files = new TreeMap<>();
    String manifest = manifestFile.getFileName().toString();
    files.put(manifest, manifestFile);
    for (LockedComponent c : locked.components().values()) {
      files.put(relative(base, c.source()), c.source());
      for (FileMount m : c.files()) {
        if (m.isDirectory()) {
          walk(base, m.hostPath(), files);
        } else {
          files.put(relative(base, m.hostPath()), m.hostPath());
        }
      }
    }
    List<PackedFile> packed = new ArrayList<>();
    files.forEach((path, source) -> packed.add(digest(path, source)));
    return new PackedApp(locked.name(), base, manifest, packed);
  }

  /**
   * Locking needs a value for each required variable, but the values live on the server (set with
   * {@code wasmlet vars} and {@code secrets}) and must not be needed here. Which files an app uses
   * never depends on its variables' values, so the lock runs with a placeholder for each required
   * variable: that validates everything else locally and lists the files. The locked app is used
   * only for its file list and is never sent; the server locks again with the real values and
   * reports a missing one then.
   */
  private static Map<String, String> placeholders(Manifest m) {
    Map<String, String> values = new LinkedHashMap<>();
    for (VariableSpec v : m.variables().values()) {
      if (v.required() && v.defaultValue().isEmpty()) {
        values.put(v.name(), "placeholder");
      }
    }
    return values;
  }

  /** Regular files under a mounted directory, as the engine copies them for the guest. */
  private static void walk(Path base, Path root, Map<String, Path> files) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path real;
        try {
          real = p.toRealPath();
        } catch (IOException e) {
          continue; // a dangling symlink: the guest does not see it either
        }
        if (real.startsWith(root) && Files.isRegularFile(real)) {
          files.put(relative(base, p), real);
        }
      }
    } catch (IOException e) {
      throw new PackFailed("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path base, Path file) {
    Path rel = base.relativize(file);
    if (!file.startsWith(base) || rel.toString().isEmpty()) {
      throw new PackFailed(
          file + " is outside the app directory " + base + "; move it into the app", null);
    }
    return rel.toString().replace('\\', '/');
  }

  private static PackedFile digest(String path, Path source) {
    try (InputStream in = Files.newInputStream(source)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      long size = 0;
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
        size += n;
      }
      return new PackedFile(path, source, "sha256:" + HexFormat.of().formatHex(sha.digest()), size);
    } catch (IOException e) {
      throw new PackFailed("cannot read " + source + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /**
   * Uploads the blobs the server lacks: asks for each digest first (HEAD) and sends only the
   * missing ones, so running it again after an interruption sends only what is left.
   *
   * @throws ServerRefused when the server refuses a blob (too large, digest mismatch)
   */
  public static UploadReport upload(AdminClient client, PackedApp app, UploadProgress progress) {
    List<PackedFile> missing = new ArrayList<>();
    List<String> present = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PackedFile f : app.files()) {
      // the same bytes under two paths are one blob: sent once
      if (!seen.add(f.digest()) || client.blobSize(f.digest()).isPresent()) {
        present.add(f.path());
      } else {
        missing.add(f);
      }
    }
    long total = missing.stream().mapToLong(PackedFile::size).sum();
    long done = 0;
    List<String> sent = new ArrayList<>();
    for (PackedFile f : missing) {
      long before = done;
      progress.update(f.path(), 0, f.size(), before, total);
      client.putBlob(
          f.digest(), f.source(), n -> progress.update(f.path(), n, f.size(), before + n, total));
      done += f.size();
      sent.add(f.path());
    }
    return new UploadReport(sent, present, done);
  }
}
