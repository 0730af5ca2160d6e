package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.TokenServer;
import dev.wasmlet.testing.Tools;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real {@code skopeo login} writes is read back, and {@link Registry#checkLogin} asks real
 * registries (htpasswd basic auth, and token auth) as {@code docker login} does.
 */
class DockerConfigIT {
  @TempDir Path tmp;

  private static Registry client(String host, Credentials c) {
    return Registry.builder(new Reference(host, "login", Optional.of("x"), Optional.empty()))
        .withInsecure(true)
        .withCredentials(c)
        .build();
  }

  @Test
  void credentialsFromSkopeoLoginAreReadAndPushWithThem() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("reg"), "alice", "s3cret")) {
      Path authFile = tmp.resolve("docker/config.json");
      Tools.run(
          tmp,
          "skopeo",
          "login",
          "--tls-verify=false",
          "--authfile",
          authFile.toString(),
          "--username",
          "alice",
          "--password",
          "s3cret",
          registry.address());

      Optional<Credentials> found = DockerConfig.at(authFile).credentials(registry.address());
      assertThat(found).contains(new Credentials("alice", "s3cret"));

      Reference ref = Reference.parse(registry.address() + "/private/hello:1");
      Registry authed =
          Registry.builder(ref).withInsecure(true).withCredentials(found.orElseThrow()).build();
      PushReport pushed =
          ArtifactPush.push(
              authed, ref, AppArtifact.pack(Tools.root().resolve("examples/hello-c")));
      assertThat(pushed.digest()).startsWith("sha256:");
    }
  }

  @Test
  void checkLoginAcceptsRightBasicCredentialsAndRefusesWrongOnes() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("reg"), "alice", "s3cret")) {
      client(registry.address(), new Credentials("alice", "s3cret")).checkLogin();
      assertThatThrownBy(
              () -> client(registry.address(), new Credentials("alice", "wrong")).checkLogin())
          .isInstanceOf(RegistryAuthFailed.class)
          .hasMessageContaining(
              "registry " + registry.address() + " (plain HTTP) refused the login")
          .hasMessageContaining("HTTP 401")
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void checkLoginGetsATokenForNoRepositoryFromTheTokenService() throws Exception {
    try (TokenServer tokens =
            TokenServer.builder().withUser("alice", "s3cret", "pull").start(tmp.resolve("tok"));
        LocalRegistry registry = LocalRegistry.startWithTokenAuth(tmp.resolve("reg"), tokens)) {
      client(registry.address(), new Credentials("alice", "s3cret")).checkLogin();
      assertThat(tokens.grants())
          .anySatisfy(
              g -> {
                assertThat(g.subject()).isEqualTo("alice");
                assertThat(g.requested()).as("scopes asked by a login").isEmpty();
              });
      assertThatThrownBy(
              () -> client(registry.address(), new Credentials("alice", "wrong")).checkLogin())
          .isInstanceOf(RegistryAuthFailed.class)
          .hasMessageContaining("refused a token to user alice (HTTP 401)");
    }
  }
}
