package dev.wasmlet.trust;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
    Path manifestFile;
    Manifest parsed;
    LockedApp locked;
    try {
      manifestFile = Manifests.find(manifestOrDir).toAbsolutePath();
      parsed = Manifests.parse(manifestFile);
      locked = Manifests.lock(manifestFile, placeholders(parsed));
    } catch (AppException e) {
      throw new PackFailed(e.getMessage(), e);
    }
    Path base = locked.baseDir();
    Map<String, ArtifactFile> byPath = new LinkedHashMap<>();
    for (LockedComponent c : locked.components().values()) {
      add(byPath, base, c.source(), MediaTypes.WASM_LAYER, Map.of());
    }
    Map<String, Path> mounted = new TreeMap<>();
    for (LockedComponent c : locked.components().values()) {
      for (FileMount m : c.files()) {
        if (m.isDirectory()) {
          walk(m.hostPath(), mounted);
        } else {
          mounted.put(m.hostPath().toString(), m.hostPath());
        }
      }
    }
    mounted.values().forEach(p -> add(byPath, base, p, MediaTypes.DATA_LAYER, Map.of()));
    Path realManifest = realPath(manifestFile);
    byPath.remove(relative(base, realManifest));
    add(
        byPath,
        base,
        realManifest,
        MediaTypes.DATA_LAYER,
        Map.of(MediaTypes.MANIFEST_FILE, "true"));
    List<ArtifactFile> files = new ArrayList<>(byPath.values());
    byte[] config = SpinLockedApp.toJson(locked, parsed, files);
    Blob configBlob = new Blob(MediaTypes.SPIN_CONFIG, Sha256.of(config), config.length, Map.of());
    ImageManifest manifest =
        new ImageManifest(
            MediaTypes.OCI_MANIFEST, configBlob, files.stream().map(ArtifactFile::blob).toList());
    return new AppArtifact(locked.name(), locked.version(), config, files, manifest);
  }

  /**
   * Locking needs a value for each required variable, but values are given where the app runs, not
   * where it is packed; which files an app uses never depends on them, so placeholders do.
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

  private static void add(
      Map<String, ArtifactFile> byPath,
      Path base,
      Path file,
      String mediaType,
      Map<String, String> extra) {
    String rel = relative(base, file);
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

  /** Regular files under a mounted directory, as the engine copies them for the guest. */
  private static void walk(Path root, Map<String, Path> out) {
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
          out.put(p.toString(), p);
        }
      }
    } catch (IOException e) {
      throw new PackFailed("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new PackFailed("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(base) || abs.equals(base)) {
      throw new PackFailed(
          file
              + " is outside the app directory "
              + base
              + "; move it into the app so the artifact can hold it",
          null);
    }
    return base.relativize(abs).toString().replace('\\', '/');
  }
}
