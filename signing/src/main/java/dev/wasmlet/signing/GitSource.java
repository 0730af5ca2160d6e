package dev.wasmlet.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The source a build came from, read from the real {@code git} command: the {@code origin} remote's
 * URL (or the checkout's own path when there is none) and the commit checked out.
 */
public record GitSource(String repository, String commit) {

  /** The source of a directory, or empty when it is not inside a git checkout or git is absent. */
  public static Optional<GitSource> of(Path directory) {
    Optional<String> commit = git(directory, "rev-parse", "HEAD");
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    String repository =
        git(directory, "config", "--get", "remote.origin.url")
            .map(GitSource::withoutCredentials)
            .or(() -> git(directory, "rev-parse", "--show-toplevel").map(p -> "file://" + p))
            .orElse("");
    return Optional.of(new GitSource(repository, commit.get()));
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
   * https://user:token@host/repo}): provenance is published, credentials must never be.
   */
  static String withoutCredentials(String url) {
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
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
