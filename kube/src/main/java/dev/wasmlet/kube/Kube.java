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
  private Kube() {}

  /**
   * A client for the cluster {@code kubeconfig} names; without one, fabric8's search: {@code
   * KUBECONFIG}, {@code ~/.kube/config}, then the pod's service account (in a cluster).
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
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
