package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes and limits a deployment sets over its manifest's own, without touching the manifest (a
 * signed artifact stays as it was signed): a Kubernetes WasmApp's {@code spec.routes} and {@code
 * spec.limits}. The routes replace every public HTTP trigger (private ones, reachable only from the
 * app's components, stay); each limit written replaces that limit in every component. They go
 * through the same checks as a manifest's own.
 *
 * @param routes empty keeps the manifest's triggers
 * @param limits the limits written; absent ones keep each component's own
 */
public record ManifestOverrides(List<RouteOverride> routes, LimitsSpec limits) {
  public ManifestOverrides {
    routes = List.copyOf(routes);
  }

  /** Nothing overridden. */
  public static ManifestOverrides none() {
    return new ManifestOverrides(List.of(), LimitsSpec.none());
  }

  public boolean isEmpty() {
    return routes.isEmpty() && limits.equals(LimitsSpec.none());
  }

  /**
   * The manifest as these overrides change it.
   *
   * @throws ManifestInvalid when a route names a component the manifest does not have, or names
   *     none in an app of several, or a limit does not parse
   */
  Manifest applyTo(Manifest m) {
    if (isEmpty()) {
      return m;
    }
    Problems problems = new Problems(m.file());
    new LimitsParser(problems, key -> 0, "the deployment's overrides").parse(limits);
    List<TriggerSpec> triggers = m.triggers();
    if (!routes.isEmpty()) {
      triggers = new ArrayList<>();
      for (int i = 0; i < routes.size(); i++) {
        RouteOverride r = routes.get(i);
        Optional<String> component = component(m, r, i, problems);
        if (component.isEmpty()) {
          continue;
        }
        Optional<ExecutorSpec> executor =
            m.triggers().stream()
                .filter(t -> t.component().equals(component.get()))
                .findFirst()
                .flatMap(TriggerSpec::executor);
        triggers.add(
            new TriggerSpec(i + 1, Optional.empty(), r.route(), false, component.get(), executor));
      }
      for (TriggerSpec t : m.triggers()) {
        if (t.isPrivate()) { // reachable only from the app's own components: kept
          triggers.add(
              new TriggerSpec(
                  triggers.size() + 1, t.id(), t.route(), true, t.component(), t.executor()));
        }
      }
    }
    problems.throwIfAny();
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    m.components().forEach((id, c) -> components.put(id, withLimits(c)));
    return new Manifest(
        m.file(),
        m.format(),
        m.manifestVersion(),
        m.application(),
        m.variables(),
        triggers,
        components,
        m.lines());
  }

  private static Optional<String> component(
      Manifest m, RouteOverride r, int index, Problems problems) {
    String where = "override routes[" + index + "] (" + r.route() + ")";
    if (r.component().isPresent()) {
      if (!m.components().containsKey(r.component().get())) {
        problems.add(
            0,
            where
                + ": the app has no component \""
                + r.component().get()
                + "\"; its components are "
                + m.components().keySet());
        return Optional.empty();
      }
      return r.component();
    }
    if (m.components().size() != 1) {
      problems.add(
          0,
          where
              + ": name the component it runs; the app has "
              + m.components().size()
              + ": "
              + m.components().keySet());
      return Optional.empty();
    }
    return Optional.of(m.components().keySet().iterator().next());
  }

  private ComponentSpec withLimits(ComponentSpec c) {
    LimitsSpec own = c.limits();
    LimitsSpec merged =
        new LimitsSpec(
            limits.maxMemory().or(own::maxMemory),
            limits.timeout().or(own::timeout),
            limits.maxRequestBody().or(own::maxRequestBody),
            limits.maxResponse().or(own::maxResponse));
    return new ComponentSpec(
        c.id(),
        c.source(),
        c.description(),
        c.files(),
        c.excludeFiles(),
        c.environment(),
        c.allowedOutboundHosts(),
        c.variables(),
        c.buildCommand(),
        merged,
        c.keyValueStores(),
        c.sqliteDatabases());
  }
}
