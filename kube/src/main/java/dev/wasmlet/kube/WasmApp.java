package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One WebAssembly HTTP app on Kubernetes ({@code wasmapps.wasmlet.dev/v1alpha1}). Its schema is
 * deploy/crd/wasmapps.wasmlet.dev.yaml; {@code WasmAppCrdTest} keeps these names in step with it.
 */
@Group(WasmApp.GROUP)
@Version(WasmApp.VERSION)
@Kind("WasmApp")
@Plural("wasmapps")
@Singular("wasmapp")
@ShortNames("wa")
public class WasmApp extends CustomResource<WasmAppSpec, WasmAppStatus> implements Namespaced {
  public static final String GROUP = "wasmlet.dev";
  public static final String VERSION = "v1alpha1";
  private static final long serialVersionUID = 1L;
}
