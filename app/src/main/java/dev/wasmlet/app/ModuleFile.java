package dev.wasmlet.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A component's Wasm file, checked to be a core WebAssembly module or a component (by the header's
 * layer) and pinned by the SHA-256 and size of the bytes read in one pass.
 *
 * @param path absolute, symlinks resolved
 * @param isComponent a WebAssembly component (layer 1), not a core module
 */
record ModuleFile(Path path, String sha256, long sizeBytes, boolean isComponent) {
  private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};

  /**
   * Pins {@code source} (relative to {@code appDir}; a local app's may lie outside it, as a build
   * output such as {@code ../target/...} does, but with {@code confined} it must be one of the
   * app's own files), or reports why it cannot be used.
   *
   * @param what the component in messages, e.g. {@code component "api"}
   */
  static Optional<ModuleFile> pin(
      Path appDir, String source, String what, int line, Problems problems, boolean confined) {
    String named = what + ": source \"" + source + "\"";
    Optional<Path> inside = confined ? inside(appDir, source) : resolve(appDir, source);
    if (inside.isEmpty()) {
      problems.add(
          line,
          named
              + " is not one of the app's files; the module of an app deployed to a server or"
              + " pulled from a registry must be a file of the app: a relative path inside it,"
              + " without \"..\" or symlinks");
      return Optional.empty();
    }
    Path p = inside.get();
    if (!Files.exists(p)) {
      problems.add(
          line,
          named
              + " does not exist (looked in "
              + p.getParent()
              + "); build the component first or fix the path");
      return Optional.empty();
    }
    if (!Files.isRegularFile(p)) {
      problems.add(line, named + " is not a regular file; point it at the .wasm module");
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] header = in.readNBytes(8);
      if (header.length < 8 || !Arrays.equals(Arrays.copyOf(header, 4), WASM_MAGIC)) {
        problems.add(
            line,
            named
                + " is not a WebAssembly module (no \\0asm header); point it at the compiled"
                + " .wasm file");
        return Optional.empty();
      }
      boolean component = header[6] == 1 && header[7] == 0;
      if (!component && (header[6] != 0 || header[7] != 0)) {
        problems.add(
            line,
            named
                + " has an unknown WebAssembly layer "
                + ((header[6] & 0xff) | (header[7] & 0xff) << 8)
                + " (0 is a core module, 1 a component); rebuild it");
        return Optional.empty();
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(header);
      long size = header.length;
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
        size += n;
      }
      return Optional.of(
          new ModuleFile(p.toRealPath(), HexFormat.of().formatHex(sha.digest()), size, component));
    } catch (IOException e) {
      problems.add(line, named + " cannot be read: " + e.getMessage());
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Optional<Path> resolve(Path appDir, String source) {
    try {
      return Optional.of(appDir.resolve(source).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code source} resolved in {@code appDir} when it names a path inside it without leaving it on
   * the way: relative, no {@code ..} out of it, and no symlink between the two (checked without
   * following any, so a path outside is never touched).
   */
  static Optional<Path> inside(Path appDir, String source) {
    Path given;
    try {
      given = Path.of(source);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (given.isAbsolute() || source.isEmpty()) {
      return Optional.empty();
    }
    Path p = appDir.resolve(given).normalize();
    if (!p.startsWith(appDir) || p.equals(appDir)) {
      return Optional.empty();
    }
    for (Path q = p; !q.equals(appDir); q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        return Optional.empty();
      }
    }
    return Optional.of(p);
  }
}
