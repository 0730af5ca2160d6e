package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasmAppCrdTest {
  private static final Path DEPLOYED =
      Path.of(System.getProperty("wasmlet.root", ".."), "deploy/crd/wasmapps.wasmlet.dev.yaml");

  @Test
  void jarCarriesTheCrdFromDeployByteForByte() throws IOException {
    assertThat(WasmAppCrd.yaml()).isEqualTo(Files.readString(DEPLOYED));
  }

  @Test
  void modelNamesMatchTheCrd() {
    CustomResourceDefinition crd = WasmAppCrd.definition();
    assertThat(crd.getMetadata().getName())
        .isEqualTo(WasmAppCrd.NAME)
        .isEqualTo(HasMetadata.getFullResourceName(WasmApp.class));
    assertThat(crd.getSpec().getGroup()).isEqualTo(HasMetadata.getGroup(WasmApp.class));
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(HasMetadata.getKind(WasmApp.class));
    assertThat(crd.getSpec().getNames().getPlural())
        .isEqualTo(HasMetadata.getPlural(WasmApp.class));
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("wa");
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo(HasMetadata.getVersion(WasmApp.class));
              assertThat(v.getServed()).isTrue();
              assertThat(v.getStorage()).isTrue();
            });
  }

  @Test
  void specAndStatusPropertiesAreTheModelsRecordComponents() {
    JSONSchemaProps root = version().getSchema().getOpenAPIV3Schema();
    assertThat(root.getProperties().get("spec").getProperties().keySet())
        .containsExactlyInAnyOrderElementsOf(components(WasmAppSpec.class));
    assertThat(root.getProperties().get("status").getProperties().keySet())
        .containsExactlyInAnyOrderElementsOf(components(WasmAppStatus.class));
  }

  @Test
  void schemaKeepsNoUnknownFieldsAnywhere() {
    List<String> preserving = new ArrayList<>();
    walk("", version().getSchema().getOpenAPIV3Schema(), preserving);
    assertThat(preserving).as("schemas with x-kubernetes-preserve-unknown-fields").isEmpty();
  }

  @Test
  void scaleSubresourcePointsAtReplicasAndSelector() {
    var scale = version().getSubresources().getScale();
    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
    assertThat(version().getSubresources().getStatus()).isNotNull();
  }

  private static CustomResourceDefinitionVersion version() {
    return WasmAppCrd.definition().getSpec().getVersions().get(0);
  }

  private static List<String> components(Class<? extends Record> type) {
    List<String> names = new ArrayList<>();
    for (var c : type.getRecordComponents()) {
      names.add(c.getName());
    }
    return names;
  }

  private static void walk(String path, JSONSchemaProps schema, List<String> preserving) {
    if (Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
      preserving.add(path.isEmpty() ? "<root>" : path);
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
        walk(path + "." + e.getKey(), e.getValue(), preserving);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walk(path + "[]", schema.getItems().getSchema(), preserving);
    }
  }
}
