package dev.wasmlet.kube;

import dev.wasmlet.app.LimitsSpec;
import dev.wasmlet.app.ManifestOverrides;
import dev.wasmlet.app.RouteOverride;
import dev.wasmlet.signing.Check;
import dev.wasmlet.signing.PolicyRejected;
import dev.wasmlet.signing.SigningException;
import dev.wasmlet.trust.TrustException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives one WasmApp: pins its source to a digest, proves it against its policy, places its
 * replicas on live executors, deploys through each executor's admin API (a rollout moves one
 * executor at a time), points its Service at the executors that serve it, and writes what it saw to
 * the status, which is also where a new operator resumes. Runs again every few seconds, so an
 * executor whose Lease expired loses its replicas within one pass.
 */
@ControllerConfiguration(name = "wasmapp", finalizerName = WasmAppReconciler.FINALIZER)
final class WasmAppReconciler implements Reconciler<WasmApp>, Cleaner<WasmApp> {
  static final String FINALIZER = "wasmlet.dev/executors";

  /** How long the operator's informers may take to show its own write. */
  private static final long CACHE_LAG = Duration.ofSeconds(2).toNanos();

  private record Applied(List<String> targets, long atNanos) {}

  private final ExecutorView executors;
  private final ExecutorSync sync;
  private final Artifacts artifacts;
  private final Duration resync;
  private final Map<String, Applied> endpoints = new ConcurrentHashMap<>();
  private final ReconcileStats stats;

  WasmAppReconciler(
      ExecutorView executors, Artifacts artifacts, Duration resync, ReconcileStats stats) {
    this.executors = executors;
    this.stats = stats;
    this.sync = new ExecutorSync(executors::token);
    this.artifacts = artifacts;
    this.resync = resync;
  }

  @Override
  public UpdateControl<WasmApp> reconcile(WasmApp app, Context<WasmApp> ctx) {
    long start = System.nanoTime();
    try {
      return pass(app, ctx);
    } finally {
      stats.record(System.nanoTime() - start);
    }
  }

  private UpdateControl<WasmApp> pass(WasmApp app, Context<WasmApp> ctx) {
    KubernetesClient client = ctx.getClient();
    String ns = app.getMetadata().getNamespace();
    String name = app.getMetadata().getName();
    WasmAppSpec spec = app.getSpec();
    WasmAppStatus before =
        app.getStatus() != null
            ? app.getStatus()
            : new WasmAppStatus(null, List.of(), null, null, 0, 0, null, null, List.of());
    long generation = Optional.ofNullable(app.getMetadata().getGeneration()).orElse(0L);
    Conditions conditions = new Conditions(before.conditions(), generation);
    String appName = AppNames.onExecutor(ns, name);
    String selector = AppEndpoints.APP_LABEL + "=" + name;
    int replicas = spec.replicas() == null ? 1 : spec.replicas();

    Artifacts.Resolved resolved;
    try {
      resolved = artifacts.resolve(pinKey(app, generation), spec.source());
    } catch (TrustException e) {
      stalled(before, conditions, "SourceUnresolvable", e.getMessage());
      return status(app, before, conditions, generation, before.resolvedDigest(), selector)
          .rescheduleAfter(resync.multipliedBy(3));
    }
    if (spec.policy() != null) {
      try {
        List<Check> checks =
            artifacts
                .verify(
                    pinKey(app, generation), resolved, () -> Policies.of(client, ns, spec.policy()))
                .checks();
        conditions.set(
            Conditions.VERIFIED,
            true,
            "PolicySatisfied",
            resolved.digest()
                + ": "
                + checks.stream().map(Check::name).collect(Collectors.joining(", "))
                + " passed");
      } catch (PolicyRejected e) {
        return refused(
            app,
            before,
            conditions,
            generation,
            selector,
            resolved,
            "PolicyRejected",
            e.getMessage());
      } catch (PolicyUnreadable | SigningException | TrustException e) {
        return refused(
            app,
            before,
            conditions,
            generation,
            selector,
            resolved,
            "PolicyUnreadable",
            e.getMessage());
      }
    } else {
      conditions.set(
          Conditions.VERIFIED,
          "Unknown",
          "NoPolicy",
          "spec.policy is empty: the artifact's signatures and provenance are not checked");
    }

    AppVariables variables;
    try {
      variables = AppVariables.read(client, ns, spec.variables());
    } catch (VariablesUnreadable e) {
      stalled(before, conditions, "VariablesUnreadable", e.getMessage());
      return status(app, before, conditions, generation, before.resolvedDigest(), selector)
          .rescheduleAfter(resync);
    }
    List<ExecutorRecord> live;
    try {
      live = executors.live();
    } catch (ClusterUnusable e) {
      conditions.set(Conditions.DEGRADED, true, "ExecutorsUnreadable", e.getMessage());
      return status(app, before, conditions, generation, before.resolvedDigest(), selector)
          .rescheduleAfter(resync);
    }
    Map<String, ExecutorRecord> byName =
        live.stream().collect(Collectors.toMap(ExecutorRecord::name, Function.identity()));
    List<String> current = before.executors() == null ? List.of() : before.executors();
    List<String> chosen = Placement.choose(current, live, replicas, load(ctx, app));
    DesiredApp want =
        new DesiredApp(
            appName,
            resolved.digest(),
            AppNames.hosts(ns, name, spec.hosts()),
            Strategies.forExecutors(spec.strategy()),
            variables,
            overrides(spec));
    List<ExecutorState> states = new ArrayList<>();
    boolean mayReplace = true;
    for (String e : chosen) {
      ExecutorState s =
          sync.ensure(byName.get(e), want, mayReplace, () -> artifacts.prepare(resolved));
      states.add(s);
      if (current.contains(e) && s.phase() == ExecutorState.Phase.PROGRESSING) {
        mayReplace = false;
      }
    }
    List<ExecutorRecord> serving =
        states.stream()
            .filter(
                s ->
                    s.phase() == ExecutorState.Phase.READY
                        || (s.phase() == ExecutorState.Phase.PROGRESSING
                            && current.contains(s.executor())))
            .map(s -> byName.get(s.executor()))
            .toList();
    Optional<String> endpointsRefused = Optional.empty();
    try {
      applyEndpoints(ctx, app, serving);
    } catch (ClusterUnusable e) {
      endpointsRefused = Optional.of(e.getMessage());
    }
    List<String> leaving = new ArrayList<>();
    for (String e : current) {
      if (!chosen.contains(e) && byName.containsKey(e) && !sync.remove(byName.get(e), appName)) {
        leaving.add(e); // kept in the status until the app is off it
      }
    }
    long ready = states.stream().filter(s -> s.phase() == ExecutorState.Phase.READY).count();
    List<String> failed =
        states.stream()
            .filter(s -> s.phase() == ExecutorState.Phase.FAILED)
            .map(ExecutorState::message)
            .toList();
    boolean progressing =
        states.stream().anyMatch(s -> s.phase() == ExecutorState.Phase.PROGRESSING);
    if (ready == replicas) {
      conditions.set(
          Conditions.READY,
          true,
          replicas == 0 ? "ScaledToZero" : "AllReplicasReady",
          replicas == 0
              ? "no executor serves it (spec.replicas is 0)"
              : ready + " executors serve " + resolved.digest());
    } else {
      conditions.set(
          Conditions.READY,
          false,
          "ReplicasNotReady",
          ready
              + " of "
              + replicas
              + " replicas ready"
              + states.stream()
                  .filter(s -> s.phase() != ExecutorState.Phase.READY)
                  .map(s -> "; " + s.executor() + ": " + s.message())
                  .collect(Collectors.joining()));
    }
    conditions.set(
        Conditions.PROGRESSING,
        progressing,
        progressing ? "RollingOut" : "Settled",
        progressing
            ? "executors are moving to " + resolved.digest()
            : "every placed executor has finished its rollout");
    if (chosen.size() < replicas) {
      conditions.set(
          Conditions.DEGRADED,
          true,
          "NotEnoughExecutors",
          replicas
              + " replicas asked for, "
              + live.size()
              + " live executors in namespace "
              + executors.namespace()
              + " with room for "
              + chosen.size());
    } else if (endpointsRefused.isPresent()) {
      conditions.set(Conditions.DEGRADED, true, "EndpointsRefused", endpointsRefused.get());
    } else if (!failed.isEmpty()) {
      conditions.set(Conditions.DEGRADED, true, "ExecutorFailed", String.join("; ", failed));
    } else {
      conditions.set(Conditions.DEGRADED, false, "AsExpected", "nothing is failing");
    }
    List<String> placed = new ArrayList<>(chosen);
    placed.addAll(leaving);
    WasmAppStatus next =
        new WasmAppStatus(
            generation,
            conditions.list(),
            resolved.digest(),
            resolved.digest().substring("sha256:".length(), "sha256:".length() + 12),
            chosen.size(),
            (int) ready,
            selector,
            url(ns, name, spec.hosts()),
            placed);
    Duration again = progressing || ready < replicas ? Duration.ofSeconds(1) : resync;
    if (next.equals(before)) {
      return UpdateControl.<WasmApp>noUpdate().rescheduleAfter(again);
    }
    app.setStatus(next);
    return UpdateControl.patchStatus(app).rescheduleAfter(again);
  }

  /**
   * Nothing moves until {@code reason} is fixed: not progressing, degraded, and not ready unless
   * executors already serve an earlier state (they keep serving it).
   */
  private static void stalled(
      WasmAppStatus before, Conditions conditions, String reason, String message) {
    conditions.set(Conditions.PROGRESSING, false, reason, message);
    conditions.set(Conditions.DEGRADED, true, reason, message);
    if (before.executors() == null || before.executors().isEmpty()) {
      conditions.set(Conditions.READY, false, reason, message);
    }
  }

  /** spec.routes and spec.limits as the executors take them, over the artifact's manifest. */
  static ManifestOverrides overrides(WasmAppSpec spec) {
    List<RouteOverride> routes =
        spec.routes() == null
            ? List.of()
            : spec.routes().stream()
                .map(r -> new RouteOverride(r.path(), Optional.ofNullable(r.component())))
                .toList();
    Limits l = spec.limits();
    LimitsSpec limits =
        l == null
            ? LimitsSpec.none()
            : new LimitsSpec(
                Optional.ofNullable(l.maxMemory()),
                Optional.ofNullable(l.timeout()),
                Optional.ofNullable(l.maxRequestBody()),
                Optional.ofNullable(l.maxResponse()));
    return new ManifestOverrides(routes, limits);
  }

  /** A WasmApp's uid and generation: what its source is pinned and verified for. */
  private static String pinKey(WasmApp app, long generation) {
    return app.getMetadata().getUid() + "/" + generation;
  }

  /**
   * Points the Service at {@code serving}, writing only when the operator's informers show the
   * Service or its slices differ (missing, edited, or the executors changed), not on every settled
   * pass: each write is a server-side apply the API server must process. A write made within the
   * last {@link #CACHE_LAG} is not repeated while the informers catch up with it.
   */
  private void applyEndpoints(Context<WasmApp> ctx, WasmApp app, List<ExecutorRecord> serving) {
    if (AppEndpoints.inPlace(
        app,
        serving,
        ctx.getSecondaryResources(Service.class),
        ctx.getSecondaryResources(EndpointSlice.class))) {
      return;
    }
    List<String> targets =
        serving.stream().map(e -> e.gatewayHost() + ":" + e.gatewayPort()).sorted().toList();
    String uid = app.getMetadata().getUid();
    Applied last = endpoints.get(uid);
    long now = System.nanoTime();
    if (last != null && last.targets().equals(targets) && now - last.atNanos() < CACHE_LAG) {
      return;
    }
    AppEndpoints.apply(ctx.getClient(), app, serving);
    endpoints.put(uid, new Applied(targets, now));
  }

  /**
   * Watches the Services and EndpointSlices the operator writes (by their managed-by label), so
   * that one deleted or edited by hand brings its WasmApp (their owner) back to be reconciled, and
   * so that a settled pass compares against what the cluster holds without reading it; and the
   * executors ({@link ExecutorEvents}), so that an executor's death moves its apps at once.
   */
  @Override
  public List<EventSource<?, WasmApp>> prepareEventSources(EventSourceContext<WasmApp> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, WasmApp.class)
                .withLabelSelector("app.kubernetes.io/managed-by=" + AppEndpoints.MANAGED_BY)
                .withNamespacesInheritedFromController()
                .withItemStore(new LeanItemStore<>())
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(EndpointSlice.class, WasmApp.class)
                .withLabelSelector(
                    "endpointslice.kubernetes.io/managed-by=" + AppEndpoints.MANAGED_BY)
                .withNamespacesInheritedFromController()
                .withItemStore(new LeanItemStore<>())
                .build(),
            context),
        new ExecutorEvents(executors, context.getPrimaryCache()));
  }

  private UpdateControl<WasmApp> refused(
      WasmApp app,
      WasmAppStatus before,
      Conditions conditions,
      long generation,
      String selector,
      Artifacts.Resolved resolved,
      String reason,
      String message) {
    String text = resolved.digest() + " is not placed: " + message;
    conditions.set(Conditions.VERIFIED, false, reason, text);
    conditions.set(Conditions.PROGRESSING, false, reason, text);
    if (before.executors() == null || before.executors().isEmpty()) {
      conditions.set(Conditions.READY, false, reason, text);
    }
    return status(app, before, conditions, generation, before.resolvedDigest(), selector)
        .rescheduleAfter(resync.multipliedBy(3));
  }

  private static UpdateControl<WasmApp> status(
      WasmApp app,
      WasmAppStatus before,
      Conditions conditions,
      long generation,
      String digest,
      String selector) {
    WasmAppStatus next =
        new WasmAppStatus(
            generation,
            conditions.list(),
            digest,
            before.revision(),
            before.replicas() == null ? 0 : before.replicas(),
            before.readyReplicas() == null ? 0 : before.readyReplicas(),
            selector,
            before.url(),
            before.executors() == null ? List.of() : before.executors());
    if (next.equals(before)) {
      return UpdateControl.noUpdate();
    }
    app.setStatus(next);
    return UpdateControl.patchStatus(app);
  }

  /** Apps placed on each executor, from every WasmApp's status but this one's. */
  private static Map<String, Integer> load(Context<WasmApp> ctx, WasmApp self) {
    Map<String, Integer> load = new HashMap<>();
    ctx.getPrimaryCache()
        .list()
        .filter(a -> !a.getMetadata().getUid().equals(self.getMetadata().getUid()))
        .filter(a -> a.getStatus() != null && a.getStatus().executors() != null)
        .forEach(a -> a.getStatus().executors().forEach(e -> load.merge(e, 1, Integer::sum)));
    return load;
  }

  private static String url(String ns, String name, List<String> hosts) {
    return "http://"
        + (hosts == null || hosts.isEmpty() ? name + "." + ns + ".svc.cluster.local" : hosts.get(0))
        + "/";
  }

  /** Takes the app off every live executor before the finalizer lets the WasmApp go. */
  @Override
  public DeleteControl cleanup(WasmApp app, Context<WasmApp> ctx) {
    String appName =
        AppNames.onExecutor(app.getMetadata().getNamespace(), app.getMetadata().getName());
    boolean all = true;
    for (ExecutorRecord e : executors.live()) {
      all &= sync.remove(e, appName);
    }
    if (!all) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync);
    }
    endpoints.remove(app.getMetadata().getUid());
    return DeleteControl.defaultDelete();
  }
}
