package dev.wasmlet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * allowed_outbound_hosts entries may name app variables, rendered when the app is locked, and may
 * be Spin's {@code self}.
 */
class OutboundHostsTest {
  @TempDir Path tmp;

  @Test
  void templatesAreRenderedWithTheAppsVariables() throws Exception {
    Files.copy(Path.of("src/test/resources/invalid/component.wasm"), tmp.resolve("component.wasm"));
    Files.writeString(
        tmp.resolve("spin.toml"),
        """
        spin_manifest_version = 2
        [application]
        name = "tpl"
        [variables]
        api_host = { default = "api.example.com" }
        [[trigger.http]]
        route = "/..."
        component = "web"
        [component.web]
        source = "component.wasm"
        allowed_outbound_hosts = ["https://{{ api_host }}:8443", "http://127.0.0.1:*"]
        """);
    assertThat(Manifests.lock(tmp).components().get("web").allowedOutboundHosts())
        .containsExactly("https://api.example.com:8443", "http://127.0.0.1:*");
    assertThat(
            Manifests.lock(tmp, Map.of("api_host", "eu.example.com"))
                .components()
                .get("web")
                .allowedOutboundHosts())
        .first()
        .isEqualTo("https://eu.example.com:8443");
  }

  /** Spin's self host (crates/outbound-networking-config: HostConfig::ToSelf) locks as written. */
  @Test
  void selfEntriesLockAsSpinWritesThem() throws Exception {
    Files.copy(Path.of("src/test/resources/invalid/component.wasm"), tmp.resolve("component.wasm"));
    Files.writeString(
        tmp.resolve("spin.toml"),
        """
        spin_manifest_version = 2
        [application]
        name = "selfish"
        [variables]
        me = { default = "self" }
        [[trigger.http]]
        route = "/..."
        component = "web"
        [component.web]
        source = "component.wasm"
        allowed_outbound_hosts = ["http://self", "https://self", "http://self.alt", "*://self:*",
          "https://{{ me }}"]
        """);
    assertThat(Manifests.lock(tmp).components().get("web").allowedOutboundHosts())
        .containsExactly(
            "http://self", "https://self", "http://self.alt", "*://self:*", "https://self");
  }
}
