package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WasmApp's {@code spec.variables} with their values: literals and ConfigMap keys become the
 * executors' variables, Secret keys their secrets (stored encrypted, never listed back). Read on
 * every pass, so a changed ConfigMap or Secret reaches the executors within one resync.
 *
 * @param vars variable name to value
 * @param secrets variable name to value, from Secrets
 */
record AppVariables(Map<String, String> vars, Map<String, String> secrets) {
  static final AppVariables NONE = new AppVariables(Map.of(), Map.of());

  AppVariables {
    vars = Map.copyOf(vars);
    secrets = Map.copyOf(secrets);
  }

  /**
   * @throws VariablesUnreadable naming the variable and the ConfigMap or Secret key it cannot read
   */
  static AppVariables read(KubernetesClient client, String namespace, List<Variable> spec) {
    if (spec == null || spec.isEmpty()) {
      return NONE;
    }
    Map<String, String> vars = new TreeMap<>();
    Map<String, String> secrets = new TreeMap<>();
    for (int i = 0; i < spec.size(); i++) {
      Variable v = spec.get(i);
      String where = "spec.variables[" + i + "] (" + v.name() + ")";
      if (v.value() != null) {
        vars.put(v.name(), v.value());
      } else if (v.valueFrom() != null && v.valueFrom().configMapKeyRef() != null) {
        KeyRef ref = v.valueFrom().configMapKeyRef();
        ConfigMap cm =
            get(where, "ConfigMap", namespace, ref, () -> configMap(client, namespace, ref));
        String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.key());
        vars.put(v.name(), present(where, "ConfigMap", namespace, ref, cm != null, value));
      } else if (v.valueFrom() != null && v.valueFrom().secretKeyRef() != null) {
        KeyRef ref = v.valueFrom().secretKeyRef();
        Secret s = get(where, "Secret", namespace, ref, () -> secret(client, namespace, ref));
        String encoded = s == null || s.getData() == null ? null : s.getData().get(ref.key());
        String value =
            encoded == null
                ? null
                : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        secrets.put(v.name(), present(where, "Secret", namespace, ref, s != null, value));
      } else {
        throw new VariablesUnreadable(where + ": has neither value nor valueFrom", null);
      }
    }
    return new AppVariables(vars, secrets);
  }

  private static ConfigMap configMap(KubernetesClient client, String namespace, KeyRef ref) {
    return client.configMaps().inNamespace(namespace).withName(ref.name()).get();
  }

  private static Secret secret(KubernetesClient client, String namespace, KeyRef ref) {
    return client.secrets().inNamespace(namespace).withName(ref.name()).get();
  }

  private interface Read<T> {
    T get();
  }

  private static <T> T get(String where, String kind, String namespace, KeyRef ref, Read<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      throw new VariablesUnreadable(
          where
              + ": cannot read "
              + kind
              + " "
              + namespace
              + "/"
              + ref.name()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The value, or an error that says which of the object and its key is missing. */
  private static String present(
      String where, String kind, String namespace, KeyRef ref, boolean exists, String value) {
    if (value == null) {
      throw new VariablesUnreadable(
          where
              + ": "
              + kind
              + " "
              + namespace
              + "/"
              + ref.name()
              + (exists ? " has no key \"" + ref.key() + "\"" : " does not exist"),
          null);
    }
    return value;
  }
}
