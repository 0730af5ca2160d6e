package dev.wasmlet.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resolves a component's {@code files} against the app directory at lock time: globs become one
 * mount per matching regular file, tables a mount of a directory or file. Nothing may escape the
 * app directory, by {@code ..}, an absolute path, or a symlink.
 */
final class FilesResolver {
  private final Path appDir;
  private final Lines lines;
  private final Problems problems;

  /**
   * @param appDir the app directory, absolute with symlinks resolved
   */
  FilesResolver(Path appDir, Lines lines, Problems problems) {
    this.appDir = appDir;
    this.lines = lines;
    this.problems = problems;
  }

  List<FileMount> resolve(ComponentSpec c) {
    List<Glob> excludes = c.excludeFiles().stream().map(Glob::compile).toList();
    List<FileMount> out = new ArrayList<>();
    for (int i = 0; i < c.files().size(); i++) {
      int line = lines.line("component", c.id(), "files", i);
      switch (c.files().get(i)) {
        case FilesSpec.Glob g -> glob(c.id(), g.pattern(), excludes, line, out);
        case FilesSpec.Mapping m -> mapping(c.id(), m, line, out);
      }
    }
    return out;
  }

  private void glob(String id, String pattern, List<Glob> excludes, int line, List<FileMount> out) {
    String what = "component \"" + id + "\": files entry \"" + pattern + "\"";
    if (escapes(pattern)) {
      problems.add(
          line,
          what
              + " escapes the app directory; files must be inside it (no \"..\", no absolute paths)");
      return;
    }
    if (!Glob.isGlob(pattern)) {
      mount(what, pattern, "/" + trimSlashes(pattern), line, out);
      return;
    }
    Glob glob = Glob.compile(pattern);
    Path start = appDir.resolve(literalPrefix(pattern));
    int before = out.size();
    if (Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(start)) {
        for (Path p : walk.sorted().toList()) {
          String rel = relative(p);
          if (rel.isEmpty()
              || !glob.matches(rel)
              || excludes.stream().anyMatch(e -> e.matches(rel))) {
            continue;
          }
          if (Files.isSymbolicLink(p)) {
            inside(what, p, line)
                .filter(Files::isRegularFile)
                .ifPresent(real -> out.add(new FileMount(real, "/" + rel, false)));
          } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new FileMount(p, "/" + rel, false));
          }
        }
      } catch (IOException e) {
        problems.add(line, what + ": cannot read the app directory: " + e.getMessage());
        return;
      }
    }
    if (out.size() == before) {
      problems.add(
          line,
          what + " matches no files; fix the pattern (it is relative to the manifest's directory)");
    }
  }

  private void mapping(String id, FilesSpec.Mapping m, int line, List<FileMount> out) {
    String what = "component \"" + id + "\": files entry { source = \"" + m.source() + "\" }";
    if (m.source().isEmpty() || m.destination().isEmpty()) {
      return;
    }
    if (escapes(m.source())) {
      problems.add(
          line,
          what
              + " escapes the app directory; files must be inside it (no \"..\", no absolute paths)");
      return;
    }
    String dest = m.destination();
    if (!dest.startsWith("/") || dest.contains("//") || List.of(dest.split("/")).contains("..")) {
      problems.add(
          line,
          what
              + ": destination \""
              + dest
              + "\" must be an absolute guest path without \"..\", e.g. \"/public\"");
      return;
    }
    mount(what, m.source(), dest.length() > 1 ? "/" + trimSlashes(dest) : dest, line, out);
  }

  /** Mounts a plain path: a file, or a directory whose symlinks all stay inside the app. */
  private void mount(String what, String source, String guestPath, int line, List<FileMount> out) {
    Path p = appDir.resolve(source).normalize();
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(
          line,
          what + " does not exist; fix the path (it is relative to the manifest's directory)");
      return;
    }
    Path real = inside(what, p, line).orElse(null);
    if (real == null) {
      return;
    }
    if (Files.isDirectory(real)) {
      try (Stream<Path> walk = Files.walk(real)) {
        walk.filter(Files::isSymbolicLink).sorted().forEach(link -> inside(what, link, line));
      } catch (IOException e) {
        problems.add(line, what + ": cannot read it: " + e.getMessage());
        return;
      }
      out.add(new FileMount(real, guestPath, true));
    } else if (Files.isRegularFile(real)) {
      out.add(new FileMount(real, guestPath, false));
    } else {
      problems.add(line, what + " is neither a regular file nor a directory");
    }
  }

  /** The real path of {@code p} if it stays inside the app; else reports the link that escapes. */
  private Optional<Path> inside(String what, Path p, int line) {
    try {
      Path real = p.toRealPath();
      if (real.startsWith(appDir)) {
        return Optional.of(real);
      }
      Path link = p;
      while (link != null && !Files.isSymbolicLink(link)) {
        link = link.getParent();
      }
      String target = link == null ? real.toString() : Files.readSymbolicLink(link).toString();
      problems.add(
          line,
          what
              + ": symlink \""
              + (link == null ? relative(p) : relative(link))
              + "\" points outside the app directory (to \""
              + target
              + "\"); copy the file into the app instead");
    } catch (IOException e) {
      // a dangling symlink exposes nothing; it is not mounted
    }
    return Optional.empty();
  }

  private String relative(Path p) {
    Path rel = p.startsWith(appDir) ? appDir.relativize(p) : p;
    return rel.toString().replace('\\', '/');
  }

  static boolean escapes(String path) {
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      return true;
    }
    return List.of(path.replace('\\', '/').split("/")).contains("..");
  }

  /** The directories of a glob before its first segment with glob syntax. */
  @SuppressWarnings("StringSplitter") // trailing empty segments are meant to be dropped
  private static String literalPrefix(String pattern) {
    StringBuilder prefix = new StringBuilder();
    String[] segments = pattern.split("/");
    for (int i = 0; i < segments.length - 1 && !Glob.isGlob(segments[i]); i++) {
      prefix.append(segments[i]).append('/');
    }
    return prefix.toString();
  }

  private static String trimSlashes(String path) {
    String s = path;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
