package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The names both sides agree on: how an executor's Lease is labelled and annotated, and the Secret
 * holding the admin token that executors accept and the operator presents.
 */
public final class ExecutorDirectory {
  /** The label every executor Lease carries, with value {@code true}. */
  public static final String LABEL = "wasmlet.dev/executor";

  /** Annotation: the executor's name. */
  public static final String NAME = "wasmlet.dev/executor-name";

  /** Annotation: the admin API's base URL. */
  public static final String ADMIN_URL = "wasmlet.dev/admin-url";

  /** Annotation: the gateway's {@code HOST:PORT}. */
  public static final String GATEWAY = "wasmlet.dev/gateway";

  /** Annotation: the most apps the executor takes. */
  public static final String CAPACITY = "wasmlet.dev/capacity";

  /** The Secret, in the executors' namespace, whose key {@link #TOKEN_KEY} is the admin token. */
  public static final String TOKEN_SECRET = "wasmlet-executor-token";

  /** The key of {@link #TOKEN_SECRET} that holds the token. */
  public static final String TOKEN_KEY = "token";

  private ExecutorDirectory() {}

  /** The Lease name of executor {@code name}. */
  public static String leaseName(String name) {
    return "wasmlet-executor-" + name;
  }

  /** Every executor in {@code namespace} whose Lease has not expired, by name. */
  public static List<ExecutorRecord> live(KubernetesClient client, String namespace) {
    Instant now = Instant.now();
    try {
      return client
          .leases()
          .inNamespace(namespace)
          .withLabel(LABEL, "true")
          .list()
          .getItems()
          .stream()
          .map(ExecutorRecord::of)
          .flatMap(Optional::stream)
          .filter(e -> e.live(now))
          .sorted(Comparator.comparing(ExecutorRecord::name))
          .toList();
    } catch (KubernetesClientException e) {
      throw new ClusterUnusable(
          "cannot list the executors' Leases in namespace " + namespace + ": " + e.getMessage(), e);
    }
  }

  /**
   * The admin token from {@link #TOKEN_SECRET} in {@code namespace}.
   *
   * @throws ClusterUnusable when the Secret or its key is missing or empty
   */
  public static String token(KubernetesClient client, String namespace) {
    Secret s;
    try {
      s = client.secrets().inNamespace(namespace).withName(TOKEN_SECRET).get();
    } catch (KubernetesClientException e) {
      throw new ClusterUnusable(
          "cannot read Secret " + namespace + "/" + TOKEN_SECRET + ": " + e.getMessage(), e);
    }
    String encoded = s == null || s.getData() == null ? null : s.getData().get(TOKEN_KEY);
    String token =
        encoded == null
            ? ""
            : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
    if (token.length() < 16) {
      throw new ClusterUnusable(
          "Secret "
              + namespace
              + "/"
              + TOKEN_SECRET
              + (s == null
                  ? " does not exist"
                  : " has no key \"" + TOKEN_KEY + "\" of 16 or more characters")
              + ": create it with kubectl create secret generic "
              + TOKEN_SECRET
              + " -n "
              + namespace
              + " --from-literal="
              + TOKEN_KEY
              + "=$(openssl rand -base64 32)",
          null);
    }
    return token;
  }
}
