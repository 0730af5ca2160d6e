package dev.wasmlet.control;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Each revision's files laid out as the app directory they came from, under {@code
 * revisions/<app>/<number>/}, built from verified blobs in a temp directory and renamed into place
 * whole. The directories are derived data: one missing is rebuilt from the blobs, one the store
 * does not know is removed at start.
 */
final class Workspace {
  private final Path root;
  private final Path tmp;
  private final BlobStore blobs;

  Workspace(Path dataDir, BlobStore blobs) {
    this.root = dataDir.resolve("revisions");
    this.tmp = root.resolve(".tmp");
    this.blobs = blobs;
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new ControlException("cannot prepare " + root + ": " + e, e);
    }
  }

  Path dir(String app, int number) {
    return root.resolve(app).resolve(Integer.toString(number));
  }

  /** The revision's directory, built from its blobs when it is not there yet. */
  Path materialize(String app, int number, RevisionSource source) {
    Path dir = dir(app, number);
    if (!Files.isDirectory(dir)) {
      place(stage(source), app, number);
    }
    return dir;
  }

  /** Lays the files out in a new temp directory; {@link #place} or {@link #discard} it after. */
  Path stage(RevisionSource source) {
    Path work = tmp.resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectories(work);
      for (Map.Entry<String, String> f : source.files().entrySet()) {
        Path target = work.resolve(f.getKey()).normalize();
        if (!target.startsWith(work) || target.equals(work)) {
          throw ApiProblem.invalid(
              "file path \"" + Sanitize.quote(f.getKey()) + "\" leaves the app directory");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, blobs.read(f.getValue()));
      }
      return work;
    } catch (IOException | RuntimeException e) {
      discard(work);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new ControlException("cannot lay out an app's files: " + e, e);
    }
  }

  /** Moves a staged directory into place as the revision's (atomic, then made durable). */
  void place(Path staged, String app, int number) {
    Path dir = dir(app, number);
    try {
      Files.createDirectories(dir.getParent());
      if (Files.isDirectory(dir)) {
        discard(staged);
        return;
      }
      Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
      Fsync.directory(dir.getParent());
    } catch (IOException e) {
      discard(staged);
      throw new ControlException("cannot place revision " + number + " of " + app + ": " + e, e);
    }
  }

  void discard(Path staged) {
    try {
      deleteTree(staged);
    } catch (IOException e) {
      System.getLogger(Workspace.class.getName())
          .log(System.Logger.Level.WARNING, "cannot remove " + staged + ": " + e);
    }
  }

  void delete(String app, int number) {
    try {
      deleteTree(dir(app, number));
    } catch (IOException e) {
      throw new ControlException("cannot remove revision " + number + " of " + app + ": " + e, e);
    }
  }

  /** Removes every revision directory whose {@code app/number} is not in {@code known}. */
  void removeUnknown(Set<String> known) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> apps = Files.list(root)) {
      for (Path appDir : apps.toList()) {
        if (appDir.equals(tmp)) {
          continue;
        }
        try (Stream<Path> revs = Files.list(appDir)) {
          for (Path rev : revs.toList()) {
            if (!known.contains(appDir.getFileName() + "/" + rev.getFileName())) {
              deleteTree(rev);
            }
          }
        }
        try (Stream<Path> left = Files.list(appDir)) {
          if (left.findAny().isEmpty()) {
            Files.delete(appDir);
          }
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
