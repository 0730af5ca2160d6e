package dev.wasmlet.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The source a build came from, read from the real {@code git} command: the {@code origin} remote's
 * URL (or the checkout's own directory when there is none) and the commit checked out.
 *
 * <p>The repository is what provenance publishes, so it is never a bare path and never carries
 * credentials: a local-path remote ({@code /srv/git/app}, {@code ../app}) becomes a {@code
 * file:///} URI, percent-encoded, and the user and password of a URL ({@code
 * https://user:token@host/repo}) are dropped. An scp-like remote ({@code git@host:acme/app.git}) is
 * kept as git wrote it, so that source policies written for it keep matching; {@link
 * #dependencyUri} gives the URI form that SLSA's {@code resolvedDependencies} needs.
 */
public record GitSource(String repository, String commit) {

  /**
   * @throws SigningException when the repository is a relative path, which no reader of the
   *     provenance could resolve
   */
  public GitSource {
    repository = withoutCredentials(repository);
    if (isLocalPath(repository)) {
      if (!repository.startsWith("/")) {
        throw new SigningException(
            "source repository \""
                + repository
                + "\" is a relative path; give its URL or an absolute path");
      }
      repository = ResourceUri.file(Path.of(repository));
    }
  }

  /** The source of a directory, or empty when it is not inside a git checkout or git is absent. */
  public static Optional<GitSource> of(Path directory) {
    Optional<String> commit = git(directory, "rev-parse", "HEAD");
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    Path top = git(directory, "rev-parse", "--show-toplevel").map(Path::of).orElse(directory);
    String repository =
        git(directory, "config", "--get", "remote.origin.url")
            .map(url -> isLocalPath(url) ? ResourceUri.file(top.resolve(url)) : url)
            .orElseGet(() -> ResourceUri.file(top));
    return Optional.of(new GitSource(repository, commit.get()));
  }

  /**
   * The repository at the commit as an SPDX download location, the form SLSA's {@code
   * resolvedDependencies} uses: {@code git+https://host/repo@<commit>}, {@code
   * git+file:///srv/git/app@<commit>}; an scp-like remote {@code [user@]host:path} is written as
   * the {@code ssh://host/path} it stands for.
   */
  public String dependencyUri() {
    String uri = repository;
    if (!uri.contains("://")) {
      int colon = uri.indexOf(':');
      String host = uri.substring(uri.lastIndexOf('@', colon) + 1, colon);
      String path = uri.substring(colon + 1).replaceFirst("^/+", "");
      uri = "ssh://" + host + "/" + ResourceUri.encodePath(path);
    }
    return "git+" + uri + "@" + commit;
  }

  /**
   * Whether git reads a remote URL as a path on this machine: no {@code scheme://}, and no colon or
   * a slash before the first one (git's own rule; {@code host:path} is scp-like ssh).
   */
  static boolean isLocalPath(String url) {
    if (url.contains("://")) {
      return false;
    }
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    return colon < 0 || (slash >= 0 && slash < colon);
  }

  /**
   * Whether the files under a directory differ from the commit checked out (modified, staged or
   * untracked), so that a provenance naming the commit would not describe them exactly.
   */
  public static boolean dirty(Path directory) {
    return git(directory, "status", "--porcelain", "--", ".").isPresent();
  }

  /**
   * A remote URL without the user and password a clone URL may carry ({@code
   * https://user:token@host/repo}): provenance is published, credentials must never be. The
   * userinfo ends at the last {@code @} of the authority, so a password holding an {@code @} goes
   * whole.
   */
  static String withoutCredentials(String url) {
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1");
  }

  private static Optional<String> git(Path directory, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      p.getErrorStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // no git on this machine: no source to record
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
