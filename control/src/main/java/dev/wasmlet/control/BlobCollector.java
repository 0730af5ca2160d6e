package dev.wasmlet.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes blobs no stored revision refers to, once they are older than a grace period (an upload
 * for a deploy that has not been posted yet is younger than that).
 */
final class BlobCollector {
  private final AppStore apps;
  private final BlobStore blobs;

  BlobCollector(AppStore apps, BlobStore blobs) {
    this.apps = apps;
    this.blobs = blobs;
  }

  int collect(Duration grace) throws IOException {
    Set<String> used = new HashSet<>();
    for (AppRecord a : apps.apps()) {
      for (Revision r : apps.revisions(a.name())) {
        used.addAll(r.source().files().values());
      }
    }
    Instant cutoff = Instant.now().minus(grace);
    int removed = 0;
    List<String> all;
    try (var s = blobs.digests()) {
      all = s.toList();
    }
    for (String d : all) {
      if (used.contains(d)) {
        continue;
      }
      Path p = blobs.path(d);
      if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
        blobs.delete(d);
        removed++;
      }
    }
    return removed;
  }
}
