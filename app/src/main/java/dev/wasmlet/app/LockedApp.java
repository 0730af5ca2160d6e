package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app ready to run: immutable, every module pinned by its SHA-256, every path resolved, every
 * variable rendered, every limit parsed. Made by {@link Manifests#lock}; what revisions, rollouts
 * and the gateway work with.
 *
 * @param baseDir the manifest's directory, absolute with symlinks resolved
 * @param routes in manifest order, private ones included
 * @param components by id, in manifest order
 * @param variables the resolved values of the app's non-secret variables
 * @param healthRoute a path that answers 2xx while the app is healthy, served by one of its routes
 */
public record LockedApp(
    String name,
    String version,
    Path baseDir,
    List<LockedRoute> routes,
    Map<String, LockedComponent> components,
    Map<String, String> variables,
    Optional<String> healthRoute) {
  /** An app without a health route. */
  public LockedApp(
      String name,
      String version,
      Path baseDir,
      List<LockedRoute> routes,
      Map<String, LockedComponent> components,
      Map<String, String> variables) {
    this(name, version, baseDir, routes, components, variables, Optional.empty());
  }

  public LockedApp {
    routes = List.copyOf(routes);
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }

  /**
   * The route serving a request path, ranked as {@link RoutePattern#compareSpecificity} says (an
   * exact route beats any wildcard, among wildcards the longest prefix wins, a literal segment
   * beats a parameter); private routes never match.
   */
  public Optional<RouteMatch> route(String path) {
    RouteMatch best = null;
    for (LockedRoute r : routes) {
      if (r.isPrivate()) {
        continue;
      }
      Optional<RouteMatch.Captured> captured = r.pattern().capture(path);
      if (captured.isPresent()
          && (best == null || r.pattern().compareSpecificity(best.route().pattern()) > 0)) {
        best = new RouteMatch(r, captured.get().pathInfo(), captured.get().parameters());
      }
    }
    return Optional.ofNullable(best);
  }
}
