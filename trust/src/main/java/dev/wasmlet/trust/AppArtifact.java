package dev.wasmlet.trust;

import dev.wasmlet.app.AppException;
import dev.wasmlet.app.AppFiles;
import dev.wasmlet.app.LockedApp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app directory packed as an artifact in Spin's registry format: one {@code +wasm} layer per
 * module, one {@code +data} layer per mounted file and one for the manifest file (so the app can be
 * locked again after a pull), each titled with its path in the app, and the locked app as config.
 *
 * @param files the layers in manifest order: modules, mounted files, then the manifest file
 */
public record AppArtifact(
    String name, String version, byte[] config, List<ArtifactFile> files, ImageManifest manifest) {
  public AppArtifact {
    files = List.copyOf(files);
  }

  /** The manifest's digest: what the artifact is known by once pushed. */
  public String digest() {
    return Sha256.of(manifest.toJson());
  }

  /**
   * Locks an app directory and packs it.
   *
   * @throws PackFailed with the manifest's problems, or naming a file outside the app directory
   */
  public static AppArtifact pack(Path manifestOrDir) {
    AppFiles app;
    try {
      app = AppFiles.of(manifestOrDir);
    } catch (AppException e) {
      throw new PackFailed(e.getMessage(), e);
    }
    Map<String, ArtifactFile> byPath = new LinkedHashMap<>();
    app.modules().forEach((rel, file) -> add(byPath, rel, file, MediaTypes.WASM_LAYER, Map.of()));
    app.data().forEach((rel, file) -> add(byPath, rel, file, MediaTypes.DATA_LAYER, Map.of()));
    add(
        byPath,
        app.manifestPath(),
        app.manifestFile(),
        MediaTypes.DATA_LAYER,
        Map.of(MediaTypes.MANIFEST_FILE, "true"));
    LockedApp locked = app.app();
    List<ArtifactFile> files = new ArrayList<>(byPath.values());
    byte[] config = SpinLockedApp.toJson(locked, app.manifest(), files);
    Blob configBlob = new Blob(MediaTypes.SPIN_CONFIG, Sha256.of(config), config.length, Map.of());
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST, configBlob, files.stream().map(ArtifactFile::blob).toList());
    return new AppArtifact(locked.name(), locked.version(), config, files, manifest);
  }

  private static void add(
      Map<String, ArtifactFile> byPath,
      String rel,
      Path file,
      String mediaType,
      Map<String, String> extra) {
    if (byPath.containsKey(rel)) {
      return;
    }
    Map<String, String> annotations = new LinkedHashMap<>(extra);
    annotations.put(MediaTypes.TITLE, rel);
    Sha256 sha = new Sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new PackFailed("cannot read " + file + ": " + e.getMessage(), e);
    }
    byPath.put(
        rel, new ArtifactFile(rel, file, new Blob(mediaType, sha.digest(), size, annotations)));
  }
}
