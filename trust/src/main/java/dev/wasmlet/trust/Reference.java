package dev.wasmlet.trust;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an artifact lives: {@code REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST]}. The registry is
 * always written out (no implicit Docker Hub), so a reference means the same thing everywhere.
 *
 * @param registry host with an optional port, e.g. {@code ghcr.io} or {@code 127.0.0.1:5000}
 * @param repository lowercase path components, e.g. {@code team/hello}
 */
public record Reference(
    String registry, String repository, Optional<String> tag, Optional<String> digest) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "(?<registry>[^/]+)/(?<repo>[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
              + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?");
  private static final Pattern HOST =
      Pattern.compile("(?:localhost|\\[[0-9a-fA-F:]+]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?");

  public Reference {
    if (tag.isEmpty() && digest.isEmpty()) {
      throw new ReferenceInvalid(
          registry + "/" + repository + " names no tag or digest; add one, e.g. :1.0", null);
    }
  }

  /**
   * Parses a reference.
   *
   * @throws ReferenceInvalid naming what is wrong with it
   */
  public static Reference parse(String text) {
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw new ReferenceInvalid(
          "\""
              + text
              + "\" is not a registry reference; write REGISTRY/REPOSITORY:TAG with a lowercase"
              + " repository, e.g. 127.0.0.1:5000/apps/hello:1.0",
          null);
    }
    String registry = m.group("registry");
    if (!HOST.matcher(registry).matches()
        || !(registry.contains(".") || registry.contains(":") || registry.equals("localhost"))) {
      throw new ReferenceInvalid(
          "\""
              + text
              + "\" does not start with a registry host; write it out (Wasmlet has no default"
              + " registry), e.g. ghcr.io/"
              + text,
          null);
    }
    Optional<String> tag = Optional.ofNullable(m.group("tag"));
    Optional<String> digest = Optional.ofNullable(m.group("digest"));
    if (tag.isEmpty() && digest.isEmpty()) {
      throw new ReferenceInvalid(
          "\"" + text + "\" names no tag or digest; add one, e.g. " + text + ":1.0", null);
    }
    return new Reference(registry, m.group("repo"), tag, digest);
  }

  /** True for text that parses as a reference and cannot be a relative path like {@code ./x}. */
  public static boolean looksLikeReference(String text) {
    if (text.startsWith(".") || text.startsWith("/")) {
      return false;
    }
    try {
      parse(text);
      return true;
    } catch (ReferenceInvalid e) {
      return false;
    }
  }

  /** The host without its port. */
  public String host() {
    if (registry.startsWith("[")) {
      return registry.substring(1, registry.indexOf(']'));
    }
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  /** Whether the registry is on this machine: {@code localhost}, {@code 127.0.0.0/8} or ::1. */
  public boolean isLoopback() {
    String h = host();
    return h.equals("localhost")
        || h.matches("127(?:\\.[0-9]{1,3}){3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** The same artifact pinned by its manifest digest. */
  public Reference withDigest(String manifestDigest) {
    return new Reference(registry, repository, tag, Optional.of(manifestDigest));
  }

  /** The tag, else the digest: what a registry's manifests endpoint takes. */
  String tagOrDigest() {
    return digest.orElseGet(tag::orElseThrow);
  }

  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + tag.map(t -> ":" + t).orElse("")
        + digest.map(d -> "@" + d).orElse("");
  }
}
