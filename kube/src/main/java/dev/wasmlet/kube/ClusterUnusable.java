package dev.wasmlet.kube;

/**
 * The Kubernetes API cannot be used as asked: no kubeconfig, a missing Secret, an executor name
 * already held, or the API server refusing a request. The message says what and how to fix it.
 */
public final class ClusterUnusable extends KubeException {
  private static final long serialVersionUID = 1L;

  public ClusterUnusable(String message, Throwable cause) {
    super(message, cause);
  }
}
