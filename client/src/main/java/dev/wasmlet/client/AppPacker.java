package dev.wasmlet.client;

import dev.wasmlet.app.AppException;
import dev.wasmlet.app.AppFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    AppFiles app;
    try {
      app = AppFiles.of(manifestOrDir);
    } catch (AppException e) {
      throw new PackFailed(e.getMessage(), e);
    }
    Map<String, Path> files = new TreeMap<>();
    String manifest = app.manifestPath();
    files.put(manifest, app.manifestFile());
    files.putAll(app.modules());
    files.putAll(app.data());
    List<PackedFile> packed = new ArrayList<>();
    files.forEach((path, source) -> packed.add(digest(path, source)));
    return new PackedApp(app.app().name(), app.app().baseDir(), manifest, packed);
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
