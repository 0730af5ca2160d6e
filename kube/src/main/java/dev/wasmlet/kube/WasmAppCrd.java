package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WasmApp CRD as the jar carries it: deploy/crd/wasmapps.wasmlet.dev.yaml, copied in by the
 * build (the file in deploy/ is the only one anyone edits).
 */
public final class WasmAppCrd {
  /** The CRD's name, {@code wasmapps.wasmlet.dev}. */
  public static final String NAME = "wasmapps.wasmlet.dev";

  static final String RESOURCE = "/dev/wasmlet/kube/" + NAME + ".yaml";

  private WasmAppCrd() {}

  /** The CRD's YAML text, byte for byte as in deploy/crd/. */
  public static String yaml() {
    try (InputStream in = WasmAppCrd.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CrdUnreadable(
            RESOURCE + " is missing from the kube jar; rebuild it (mvn -pl kube package)", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CrdUnreadable("cannot read " + RESOURCE + " from the kube jar", e);
    }
  }

  /** The CRD as fabric8's model, e.g. to create it with a client. */
  public static CustomResourceDefinition definition() {
    return Serialization.unmarshal(yaml(), CustomResourceDefinition.class);
  }
}
