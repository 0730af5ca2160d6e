package dev.wasmlet.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads manifests and locks them: the entry point of the {@code app} module. */
public final class Manifests {
  /** The manifest names looked for in an app directory, in order. */
  public static final List<String> FILE_NAMES = List.of("wasmlet.toml", "spin.toml");

  private Manifests() {}

  /**
   * Reads, validates and locks an app with the defaults of its variables.
   *
   * @param manifestOrDir a manifest file, or a directory holding {@code wasmlet.toml} or {@code
   *     spin.toml}
   * @throws ManifestInvalid listing every problem found, one per line
   * @throws AppException when there is no manifest or it cannot be read
   */
  public static LockedApp lock(Path manifestOrDir) {
    return lock(manifestOrDir, Map.of());
  }

  /**
   * Reads, validates and locks an app, giving values to its variables (over their defaults).
   *
   * @param variables values by variable name; each must be declared in {@code [variables]}
   */
  public static LockedApp lock(Path manifestOrDir, Map<String, String> variables) {
    return lock(manifestOrDir, variables, false);
  }

  /**
   * Locks an app that came from elsewhere (a deployment's uploaded files, a pulled artifact): as
   * {@link #lock(Path, Map)}, but every module must be one of the app's own files, a relative path
   * inside its directory without {@code ..} or symlinks. A source that is not is refused with one
   * message that says nothing about the host's files (whether that path exists there or not).
   * Mounted files are confined in both modes.
   */
  public static LockedApp lockConfined(Path manifestOrDir, Map<String, String> variables) {
    return lock(manifestOrDir, variables, true, ManifestOverrides.none());
  }

  /**
   * As {@link #lockConfined(Path, Map)}, with a deployment's routes and limits over the manifest's.
   *
   * @throws ManifestInvalid also when the overrides do not fit the manifest
   */
  public static LockedApp lockConfined(
      Path manifestOrDir, Map<String, String> variables, ManifestOverrides overrides) {
    return lock(manifestOrDir, variables, true, overrides);
  }

  private static LockedApp lock(
      Path manifestOrDir, Map<String, String> variables, boolean confined) {
    return lock(manifestOrDir, variables, confined, ManifestOverrides.none());
  }

  private static LockedApp lock(
      Path manifestOrDir,
      Map<String, String> variables,
      boolean confined,
      ManifestOverrides overrides) {
    Path file = find(manifestOrDir);
    Problems problems = new Problems(file);
    Optional<Manifest> manifest = ManifestReader.read(file, problems);
    if (manifest.isEmpty()) {
      problems.throwIfAny();
      throw new IllegalStateException("a manifest that cannot be read has problems");
    }
    return AppLocker.lock(overrides.applyTo(manifest.get()), variables, problems, confined);
  }

  /**
   * Reads a manifest as written, checking its syntax, shape and keys but nothing against the file
   * system.
   *
   * @throws ManifestInvalid listing every problem found, one per line
   */
  public static Manifest parse(Path manifestOrDir) {
    Path file = find(manifestOrDir);
    Problems problems = new Problems(file);
    Optional<Manifest> manifest = ManifestReader.read(file, problems);
    problems.throwIfAny();
    return manifest.orElseThrow();
  }

  /**
   * The manifest file a path means: the file itself, or the first of {@link #FILE_NAMES} in a
   * directory.
   *
   * @throws AppException when there is none
   */
  public static Path find(Path manifestOrDir) {
    if (Files.isRegularFile(manifestOrDir)) {
      return manifestOrDir;
    }
    if (!Files.isDirectory(manifestOrDir)) {
      throw new AppException(
          manifestOrDir + " does not exist; give an app directory or its manifest file");
    }
    for (String name : FILE_NAMES) {
      Path candidate = manifestOrDir.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AppException(
        "no wasmlet.toml or spin.toml in "
            + manifestOrDir
            + "; create one (see examples/hello-c/wasmlet.toml) or give the manifest file");
  }
}
