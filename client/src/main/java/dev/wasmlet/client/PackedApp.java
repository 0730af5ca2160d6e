package dev.wasmlet.client;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app ready to upload: every file the server needs to lock it again, each with its digest.
 *
 * @param name the manifest's application name
 * @param baseDir the app directory (the manifest's), absolute
 * @param manifest the manifest's path among {@code files}
 * @param files sorted by path
 */
public record PackedApp(String name, Path baseDir, String manifest, List<PackedFile> files) {
  public PackedApp {
    files = List.copyOf(files);
  }

  /** Path to digest: the deployment's {@code files}. */
  public Map<String, String> fileMap() {
    Map<String, String> m = new LinkedHashMap<>();
    files.forEach(f -> m.put(f.path(), f.digest()));
    return m;
  }

  public long totalBytes() {
    return files.stream().mapToLong(PackedFile::size).sum();
  }
}
