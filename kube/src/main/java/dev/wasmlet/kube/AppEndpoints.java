package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A WasmApp's Service (no selector: there are no pods of its own) and the EndpointSlices that point
 * it at the gateways of the executors serving it, one slice per gateway port and address type. All
 * are owned by the WasmApp, so deleting it lets the garbage collector remove them.
 */
final class AppEndpoints {
  static final String MANAGED_BY = "wasmlet-operator.wasmlet.dev";
  static final String APP_LABEL = "wasmlet.dev/app";
  private static final String FIELD_MANAGER = "wasmlet-operator";
  private static final String PORT_NAME = "http";

  private AppEndpoints() {}

  /**
   * Whether {@code services} and {@code slices} (the app's, as the operator's informers hold them)
   * already say what {@link #apply} would write for {@code serving}: the Service with its port, and
   * exactly one slice per gateway port and address type listing those executors, ready. A Service
   * or slice deleted or edited by hand makes this false, so the next pass writes it again.
   */
  static boolean inPlace(
      WasmApp app,
      List<ExecutorRecord> serving,
      Collection<Service> services,
      Collection<EndpointSlice> slices) {
    String name = app.getMetadata().getName();
    boolean service =
        services.stream()
            .anyMatch(
                v ->
                    v.getMetadata().getName().equals(name)
                        && v.getMetadata().getDeletionTimestamp() == null
                        && v.getSpec() != null
                        && v.getSpec().getPorts() != null
                        && v.getSpec().getPorts().stream()
                            .anyMatch(
                                p ->
                                    PORT_NAME.equals(p.getName())
                                        && p.getPort() != null
                                        && p.getPort() == 80));
    if (!service) {
      return false;
    }
    Set<String> want =
        groups(serving).entrySet().stream()
            .map(g -> shape(slice("", name, g.getKey(), g.getValue(), new OwnerReference())))
            .collect(Collectors.toSet());
    Set<String> have =
        slices.stream()
            .filter(sl -> sl.getMetadata().getDeletionTimestamp() == null)
            .map(AppEndpoints::shape)
            .collect(Collectors.toSet());
    return have.size() == slices.size() && have.equals(want);
  }

  /** What of a slice {@link #inPlace} compares: name, address type, port, ready addresses. */
  private static String shape(EndpointSlice s) {
    String port =
        s.getPorts() == null
            ? "-"
            : s.getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort() + "/" + p.getProtocol())
                .sorted()
                .collect(Collectors.joining(","));
    String endpoints =
        s.getEndpoints() == null
            ? ""
            : s.getEndpoints().stream()
                .map(
                    e ->
                        String.join("+", e.getAddresses())
                            + (e.getConditions() != null
                                    && Boolean.TRUE.equals(e.getConditions().getReady())
                                ? ""
                                : "!"))
                .sorted()
                .collect(Collectors.joining(","));
    return s.getMetadata().getName() + " " + s.getAddressType() + " " + port + " " + endpoints;
  }

  private static Map<String, List<ExecutorRecord>> groups(List<ExecutorRecord> serving) {
    return serving.stream()
        .collect(
            Collectors.groupingBy(
                e -> addressType(e.gatewayHost()) + "-" + e.gatewayPort(),
                TreeMap::new,
                Collectors.toList()));
  }

  /** Makes the Service exist and its slices list exactly {@code serving}. */
  static void apply(KubernetesClient client, WasmApp app, List<ExecutorRecord> serving) {
    String ns = app.getMetadata().getNamespace();
    String name = app.getMetadata().getName();
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion(app.getApiVersion())
            .withKind(app.getKind())
            .withName(name)
            .withUid(app.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .addToLabels(APP_LABEL, name)
            .addToLabels("app.kubernetes.io/managed-by", MANAGED_BY)
            .withOwnerReferences(owner)
            .endMetadata()
            .withNewSpec()
            .addNewPort()
            .withName(PORT_NAME)
            .withPort(80)
            .withProtocol("TCP")
            .endPort()
            .endSpec()
            .build();
    Map<String, List<ExecutorRecord>> groups = groups(serving);
    try {
      client
          .services()
          .inNamespace(ns)
          .resource(service)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
      for (Map.Entry<String, List<ExecutorRecord>> g : groups.entrySet()) {
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(ns)
            .resource(slice(ns, name, g.getKey(), g.getValue(), owner))
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
      }
      Set<String> keep =
          groups.keySet().stream().map(k -> sliceName(name, k)).collect(Collectors.toSet());
      for (EndpointSlice old :
          client
              .discovery()
              .v1()
              .endpointSlices()
              .inNamespace(ns)
              .withLabel("kubernetes.io/service-name", name)
              .withLabel("endpointslice.kubernetes.io/managed-by", MANAGED_BY)
              .list()
              .getItems()) {
        if (!keep.contains(old.getMetadata().getName())) {
          client.discovery().v1().endpointSlices().resource(old).delete();
        }
      }
    } catch (KubernetesClientException e) {
      throw new ClusterUnusable(
          "cannot write the Service or EndpointSlices of WasmApp "
              + ns
              + "/"
              + name
              + ": "
              + refusal(e),
          e);
    }
  }

  /**
   * What the API server said, without fabric8's request line and Status dump: "HTTP 403: services
   * \"x\" is forbidden: exceeded quota ..." when it answered, else the client's own message.
   */
  static String refusal(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && e.getCode() > 0) {
      return "HTTP " + e.getCode() + ": " + e.getStatus().getMessage();
    }
    return e.getMessage();
  }

  private static String sliceName(String app, String key) {
    String n = app + "-" + key.toLowerCase(java.util.Locale.ROOT);
    return n.length() <= 253 ? n : n.substring(0, 253);
  }

  private static EndpointSlice slice(
      String ns, String app, String key, List<ExecutorRecord> executors, OwnerReference owner) {
    EndpointSliceBuilder b =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(sliceName(app, key))
            .withNamespace(ns)
            .addToLabels("kubernetes.io/service-name", app)
            .addToLabels("endpointslice.kubernetes.io/managed-by", MANAGED_BY)
            .addToLabels(APP_LABEL, app)
            .withOwnerReferences(owner)
            .endMetadata()
            .withAddressType(addressType(executors.get(0).gatewayHost()))
            .addNewPort()
            .withName(PORT_NAME)
            .withPort(executors.get(0).gatewayPort())
            .withProtocol("TCP")
            .endPort();
    for (ExecutorRecord e : executors) {
      b.addNewEndpoint()
          .withAddresses(e.gatewayHost())
          .withNewConditions()
          .withReady(true)
          .endConditions()
          .endEndpoint();
    }
    return b.build();
  }

  private static String addressType(String host) {
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return "IPv4";
    }
    return host.contains(":") ? "IPv6" : "FQDN";
  }
}
