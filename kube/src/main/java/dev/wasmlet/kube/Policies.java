package dev.wasmlet.kube;

import dev.wasmlet.signing.Keys;
import dev.wasmlet.signing.Policy;
import dev.wasmlet.signing.SigningException;
import dev.wasmlet.signing.TrustedKey;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A WasmApp's {@code spec.policy} as signing's {@link Policy}, its trusted keys read inline or from
 * ConfigMaps in the WasmApp's namespace. Fails closed: a key that cannot be read is an error, never
 * a key left out.
 */
final class Policies {
  private Policies() {}

  /**
   * @throws PolicyUnreadable naming the key source that cannot be read
   */
  static Policy of(KubernetesClient client, String namespace, TrustPolicy p) {
    List<TrustedKey> keys = new ArrayList<>();
    List<TrustedKeySource> sources = p.trustedKeys() == null ? List.of() : p.trustedKeys();
    for (int i = 0; i < sources.size(); i++) {
      TrustedKeySource s = sources.get(i);
      String where = "spec.policy.trustedKeys[" + i + "]";
      String pem;
      if (s.pem() != null) {
        pem = s.pem();
      } else {
        KeyRef ref = Objects.requireNonNull(s.configMapKeyRef(), where);
        where += " (ConfigMap " + namespace + "/" + ref.name() + " key " + ref.key() + ")";
        ConfigMap cm;
        try {
          cm = client.configMaps().inNamespace(namespace).withName(ref.name()).get();
        } catch (KubernetesClientException e) {
          throw new PolicyUnreadable(where + ": " + e.getMessage(), e);
        }
        pem = cm == null || cm.getData() == null ? null : cm.getData().get(ref.key());
        if (pem == null) {
          throw new PolicyUnreadable(
              where + ": " + (cm == null ? "no such ConfigMap" : "no such key"), null);
        }
      }
      try {
        keys.add(TrustedKey.of(Keys.publicKeyFromPem(pem, where), where));
      } catch (SigningException e) {
        throw new PolicyUnreadable(e.getMessage(), e);
      }
    }
    return new Policy(
        keys,
        Boolean.TRUE.equals(p.requireProvenance()),
        orEmpty(p.allowedBuilders()),
        orEmpty(p.allowedSources()),
        orEmpty(p.allowedRegistries()),
        false);
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
