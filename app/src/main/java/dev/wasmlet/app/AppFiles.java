package dev.wasmlet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files an app is made of, by their path in the app directory: what a deploy uploads and an
 * artifact carries. Found by locking the app, so a broken manifest fails here with its problems.
 *
 * @param manifestFile the manifest, symlinks resolved
 * @param modules each component's module, in component order, by relative path
 * @param data every file a component mounts (directories walked, regular files only, as the engine
 *     copies them), sorted by relative path; the manifest is not among them
 */
public record AppFiles(
    Manifest manifest,
    LockedApp app,
    Path manifestFile,
    Map<String, Path> modules,
    Map<String, Path> data) {
  public AppFiles {
    modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    data = Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /** The manifest's path in the app directory. */
  public String manifestPath() {
    return relative(app.baseDir(), manifestFile);
  }

  /**
   * Locks the app where it will not run: a required variable gets a placeholder, because values are
   * given where the app runs and which files it uses never depends on them. The locked app is for
   * listing files only.
   *
   * @throws AppException with the manifest's problems, or naming a file outside the app directory
   */
  public static AppFiles of(Path manifestOrDir) {
    Path manifestFile = realPath(Manifests.find(manifestOrDir));
    Manifest parsed = Manifests.parse(manifestFile);
    Map<String, String> placeholders = new LinkedHashMap<>();
    for (VariableSpec v : parsed.variables().values()) {
      if (v.required() && v.defaultValue().isEmpty()) {
        placeholders.put(v.name(), "placeholder");
      }
    }
    LockedApp locked = Manifests.lock(manifestFile, placeholders);
    Path base = locked.baseDir();
    Map<String, Path> modules = new LinkedHashMap<>();
    Map<String, Path> data = new TreeMap<>();
    for (LockedComponent c : locked.components().values()) {
      modules.putIfAbsent(relative(base, c.source()), c.source());
      for (FileMount m : c.files()) {
        if (m.isDirectory()) {
          walk(base, m.hostPath(), data);
        } else {
          data.put(relative(base, m.hostPath()), m.hostPath());
        }
      }
    }
    data.remove(relative(base, manifestFile));
    return new AppFiles(parsed, locked, manifestFile, modules, data);
  }

  private static void walk(Path base, Path root, Map<String, Path> out) {
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
          out.put(relative(base, p), real);
        }
      }
    } catch (IOException e) {
      throw new AppException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new AppException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(base) || abs.equals(base)) {
      throw new AppException(
          file + " is outside the app directory " + base + "; move it into the app");
    }
    return base.relativize(abs).toString().replace('\\', '/');
  }
}
