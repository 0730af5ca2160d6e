package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.TokenServer;
import dev.wasmlet.testing.TokenServer.Access;
import dev.wasmlet.testing.TokenServer.Grant;
import dev.wasmlet.testing.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A docker-registry with token auth: it answers 401 with a {@code Bearer} challenge, and the client
 * must get a JWT from the {@link TokenServer} with basic credentials and retry with it. Each test
 * has its own registry and token server.
 */
class BearerAuthIT {
  @TempDir Path tmp;
  TokenServer tokens;
  LocalRegistry registry;
  AppArtifact artifact;

  @BeforeEach
  void start() throws Exception {
    tokens =
        TokenServer.builder()
            .withUser("alice", "s3cret", "pull", "push")
            .withUser("bob", "b0b", "pull")
            .start(tmp.resolve("tokens"));
    registry = LocalRegistry.startWithTokenAuth(tmp.resolve("reg"), tokens);
    artifact = AppArtifact.pack(Tools.root().resolve("examples/hello-c"));
  }

  @AfterEach
  void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private Registry client(Reference ref, Credentials credentials) {
    return Registry.builder(ref).withInsecure(true).withCredentials(credentials).build();
  }

  private ContentStore store(String name) {
    return ContentStore.at(tmp.resolve(name));
  }

  @Test
  void registryChallengesWithTheTokenServersRealmAndService() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + registry.address() + "/v2/private/hello/tags/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer realm=\""
                + tokens.realm()
                + "\",service=\""
                + tokens.service()
                + "\",scope=\"repository:private/hello:pull\"");
  }

  @Test
  void pushWithoutCredentialsIsAnAuthFailureNamingTheRegistryAndTheFix() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/private/hello:1");

    assertThatThrownBy(
            () ->
                ArtifactPush.push(Registry.builder(ref).withInsecure(true).build(), ref, artifact))
        .isInstanceOf(RegistryAuthFailed.class)
        .hasMessageStartingWith("registry " + registry.address() + " (plain HTTP) refused ")
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("--username and --password-stdin");
    assertThat(tokens.grants())
        .as("the anonymous client followed the challenge to the token server and got nothing")
        .isNotEmpty()
        .allSatisfy(
            g -> {
              assertThat(g.subject()).isEmpty();
              assertThat(g.access()).isEmpty();
            });
  }

  @Test
  void pushAndPullWithRightCredentialsGoThroughTheTokenServer() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/private/hello:1");
    Registry alice = client(ref, new Credentials("alice", "s3cret"));

    PushReport pushed = ArtifactPush.push(alice, ref, artifact);
    PulledApp pulled = ArtifactPull.pull(alice, ref, store("store"));

    assertThat(pulled.digest()).isEqualTo(pushed.digest()).isEqualTo(artifact.digest());
    assertThatThrownBy(
            () ->
                ArtifactPull.pull(
                    Registry.builder(ref).withInsecure(true).build(), ref, store("anonymous")))
        .as("an anonymous pull in the same process does not ride on alice's tokens")
        .isInstanceOf(RegistryAuthFailed.class)
        .hasMessageContaining("HTTP 401");
    assertThat(tokens.grants())
        .filteredOn(g -> !g.subject().isEmpty())
        .extracting(Grant::subject)
        .as("every token went to alice")
        .containsOnly("alice");
    assertThat(tokens.grants())
        .flatExtracting(Grant::access)
        .as("alice was granted push on the repository")
        .anySatisfy(
            a -> {
              assertThat(a.name()).isEqualTo("private/hello");
              assertThat(a.actions()).contains("push");
            });
  }

  @Test
  void pullOnlyUserPullsButHisPushIsAnAuthFailure() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/private/hello:1");
    PushReport pushed =
        ArtifactPush.push(client(ref, new Credentials("alice", "s3cret")), ref, artifact);
    Registry bob = client(ref, new Credentials("bob", "b0b"));

    PulledApp pulled = ArtifactPull.pull(bob, ref, store("bob-store"));
    assertThat(pulled.digest()).isEqualTo(pushed.digest());

    Reference bobs = Reference.parse(registry.address() + "/private/hello:bob");
    assertThatThrownBy(() -> ArtifactPush.push(bob, bobs, artifact))
        .isInstanceOf(RegistryAuthFailed.class)
        .hasMessageStartingWith("registry " + registry.address() + " (plain HTTP) refused ")
        .hasMessageContaining("private/hello")
        .hasMessageContaining("HTTP 401");
    List<Access> bobsAccess =
        tokens.grants().stream()
            .filter(g -> g.subject().equals("bob"))
            .flatMap(g -> g.access().stream())
            .toList();
    assertThat(bobsAccess).as("tokens issued to bob").isNotEmpty();
    assertThat(bobsAccess).allSatisfy(a -> assertThat(a.actions()).containsOnly("pull"));
  }

  @Test
  void wrongPasswordIsRefusedByTheTokenServerAndGetsNoToken() throws Exception {
    Reference ref = Reference.parse(registry.address() + "/private/hello:1");
    ArtifactPush.push(client(ref, new Credentials("alice", "s3cret")), ref, artifact);
    int issuedBefore = tokens.grants().size();

    assertThatThrownBy(
            () ->
                ArtifactPull.pull(
                    client(ref, new Credentials("alice", "wrong")), ref, store("store")))
        .isInstanceOf(RegistryAuthFailed.class)
        .hasMessage(
            "registry "
                + registry.address()
                + " (plain HTTP) refused fetching the manifest of "
                + ref
                + ": its token service "
                + tokens.realm()
                + " refused a token for repository:private/hello:pull to user alice (HTTP 401);"
                + " check --username and --password-stdin");
    assertThat(tokens.grants()).as("tokens issued for the wrong password").hasSize(issuedBefore);
  }
}
