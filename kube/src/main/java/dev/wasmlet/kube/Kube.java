package dev.wasmlet.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a Kubernetes client: from a kubeconfig file, else as fabric8 finds one. */
public final class Kube {
  /**
   * Retries of a request the API server answered with a 5xx, 0.1 + 0.2 + 0.4 s apart. fabric8's
   * default (10, doubling to at most 3.2 s) holds a thread 19.1 s on a write the server keeps
   * refusing, such as a Service when the cluster's service IP range is full: a 1,000-WasmApp
   * operator spent its reconcile threads that way. Reconciles and Lease renewals run again anyway,
   * so a short budget only moves the retry to where it is seen (a condition, a warning).
   */
  static final int REQUEST_RETRIES = 3;

  private static final String RETRIES_PROPERTY =
      Config.KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT_SYSTEM_PROPERTY;

  private Kube() {}

  /**
   * A client for the cluster {@code kubeconfig} names; without one, fabric8's search: {@code
   * KUBECONFIG}, {@code ~/.kube/config}, then the pod's service account (in a cluster). A request
   * the server fails is retried {@link #REQUEST_RETRIES} times unless {@code
   * KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT} (or its system property) says otherwise.
   *
   * @throws ClusterUnusable when the file cannot be read
   */
  public static KubernetesClient client(Optional<Path> kubeconfig) {
    Config config;
    if (kubeconfig.isPresent()) {
      try {
        config = Config.fromKubeconfig(Files.readString(kubeconfig.get()));
      } catch (IOException | RuntimeException e) {
        throw new ClusterUnusable(
            "cannot read the kubeconfig " + kubeconfig.get() + ": " + e.getMessage(), e);
      }
    } else {
      config = Config.autoConfigure(null);
    }
    if (System.getProperty(RETRIES_PROPERTY) == null
        && System.getenv("KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT") == null) {
      config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
