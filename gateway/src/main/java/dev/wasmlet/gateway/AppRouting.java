package dev.wasmlet.gateway;

import java.util.List;
import java.util.Locale;

/**
 * Which requests reach an app: by host name, by path prefix, or both. An app with no hosts answers
 * any host; the prefix is stripped before the app's own routes are matched.
 *
 * @param hosts lowercase host names without port; {@code *.example.com} matches any subdomain
 * @param prefix {@code /} or a path like {@code /shop} (no trailing slash)
 */
public record AppRouting(List<String> hosts, String prefix) {
  public AppRouting {
    hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    if (!prefix.startsWith("/") || (prefix.length() > 1 && prefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          "prefix \"" + prefix + "\" must start with '/' and not end with one, e.g. /shop");
    }
  }

  /** Every host, every path: how {@code wasmlet up} serves its one app. */
  public static AppRouting everything() {
    return new AppRouting(List.of(), "/");
  }

  boolean matchesHost(String host) {
    if (hosts.isEmpty()) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String pattern : hosts) {
      if (pattern.startsWith("*.")
          ? h.endsWith(pattern.substring(1)) && h.length() > pattern.length() - 1
          : h.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the path lies under the prefix ({@code /shop} and {@code /shop/x}, not {@code /shopx}).
   */
  boolean matchesPath(String path) {
    return prefix.equals("/")
        || path.equals(prefix)
        || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  /** The path the app's routes see: the prefix removed, never empty. */
  String appPath(String path) {
    if (prefix.equals("/")) {
      return path;
    }
    String rest = path.substring(prefix.length());
    return rest.isEmpty() ? "/" : rest;
  }

  /** Whether two apps would compete for the same requests. */
  public boolean overlaps(AppRouting other) {
    boolean hostsOverlap =
        hosts.isEmpty() == other.hosts.isEmpty()
            && (hosts.isEmpty() || hosts.stream().anyMatch(other.hosts::contains));
    return hostsOverlap && prefix.equals(other.prefix);
  }

  /** Routing specificity: apps bound to a host come first, then longer prefixes. */
  int rank() {
    return (hosts.isEmpty() ? 0 : 1 << 16) + prefix.length();
  }
}
