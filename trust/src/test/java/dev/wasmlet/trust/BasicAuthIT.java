package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A docker-registry with htpasswd basic auth: refused without credentials, served with them. */
class BasicAuthIT {
  @TempDir Path tmp;

  @Test
  void pushWithoutCredentialsIsAnAuthFailureAndWithThemSucceeds() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("reg"), "alice", "s3cret")) {
      Reference ref = Reference.parse(registry.address() + "/private/hello:1");
      AppArtifact artifact = AppArtifact.pack(Tools.root().resolve("examples/hello-c"));

      assertThatThrownBy(
              () ->
                  ArtifactPush.push(
                      Registry.builder(ref).withInsecure(true).build(), ref, artifact))
          .isInstanceOf(RegistryAuthFailed.class)
          .hasMessageContaining("registry " + registry.address())
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("--username and --password-stdin");
      assertThatThrownBy(
              () ->
                  ArtifactPull.pull(
                      Registry.builder(ref)
                          .withInsecure(true)
                          .withCredentials(new Credentials("alice", "wrong"))
                          .build(),
                      ref,
                      ContentStore.at(tmp.resolve("store"))))
          .isInstanceOf(RegistryAuthFailed.class);

      Registry authed =
          Registry.builder(ref)
              .withInsecure(true)
              .withCredentials(new Credentials("alice", "s3cret"))
              .build();
      PushReport pushed = ArtifactPush.push(authed, ref, artifact);
      PulledApp pulled = ArtifactPull.pull(authed, ref, ContentStore.at(tmp.resolve("store")));
      assertThat(pulled.digest()).isEqualTo(pushed.digest());
    }
  }
}
