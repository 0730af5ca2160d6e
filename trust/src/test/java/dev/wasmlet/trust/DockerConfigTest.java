package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials as docker, skopeo and spin store them: the file shapes, lookup order and writes. */
class DockerConfigTest {
  @TempDir Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String name, String json) throws Exception {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
    return f;
  }

  private static DockerConfig env(Map<String, String> vars, Path home) {
    return DockerConfig.of(vars::get, home);
  }

  @Test
  void authIsBase64OfUserColonPasswordAndThePasswordMayHoldColons() throws Exception {
    Path f =
        file("config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("bot:pa:ss") + "\"}}}");
    assertThat(DockerConfig.at(f).credentials("ghcr.io")).contains(new Credentials("bot", "pa:ss"));
    assertThat(DockerConfig.at(f).credentials("quay.io")).isEmpty();
  }

  @Test
  void usernameAndPasswordFieldsAreReadWhenThereIsNoAuth() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"auths\":{\"127.0.0.1:5000\":{\"username\":\"alice\",\"password\":\"s3cret\"}}}");
    assertThat(DockerConfig.at(f).credentials("127.0.0.1:5000"))
        .contains(new Credentials("alice", "s3cret"));
    assertThat(DockerConfig.at(f).credentials("127.0.0.1:5001")).isEmpty();
  }

  @Test
  void urlStyleKeysMatchTheSameHostAndDockerHubsV1UrlMatchesDockerIo() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"auths\":{"
                + "\"https://ghcr.io\":{\"auth\":\""
                + b64("a:1")
                + "\"},"
                + "\"http://127.0.0.1:5000/v2/\":{\"auth\":\""
                + b64("b:2")
                + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\""
                + b64("c:3")
                + "\"}}}");
    DockerConfig c = DockerConfig.at(f);
    assertThat(c.credentials("ghcr.io")).contains(new Credentials("a", "1"));
    assertThat(c.credentials("127.0.0.1:5000")).contains(new Credentials("b", "2"));
    assertThat(c.credentials("docker.io")).contains(new Credentials("c", "3"));
    assertThat(c.credentials("registry-1.docker.io")).contains(new Credentials("c", "3"));
    assertThat(c.credentials("127.0.0.1")).isEmpty();
    assertThat(c.credentials("ghcr.io.evil.example")).isEmpty();
  }

  @Test
  void theHostItselfWinsOverAUrlForIt() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"auths\":{\"https://ghcr.io\":{\"auth\":\""
                + b64("old:1")
                + "\"},\"ghcr.io\":{\"auth\":\""
                + b64("new:2")
                + "\"}}}");
    assertThat(DockerConfig.at(f).credentials("ghcr.io")).contains(new Credentials("new", "2"));
  }

  @Test
  void registryAuthFileIsCheckedFirstThenDockerConfigThenHome() throws Exception {
    Path authFile =
        file("auth.json", "{\"auths\":{\"a.io\":{\"auth\":\"" + b64("x:auth") + "\"}}}");
    file(
        "docker/config.json",
        "{\"auths\":{\"a.io\":{\"auth\":\""
            + b64("x:docker")
            + "\"},\"b.io\":{\"auth\":\""
            + b64("y:docker")
            + "\"}}}");
    file("home/.docker/config.json", "{\"auths\":{\"c.io\":{\"auth\":\"" + b64("z:home") + "\"}}}");
    Path home = tmp.resolve("home");

    DockerConfig both =
        env(
            Map.of(
                "REGISTRY_AUTH_FILE",
                authFile.toString(),
                "DOCKER_CONFIG",
                tmp.resolve("docker").toString()),
            home);
    assertThat(both.files())
        .containsExactly(
            authFile,
            tmp.resolve("docker/config.json"),
            home.resolve(".config/fermyon/registry-auth.json"));
    assertThat(both.file()).isEqualTo(authFile);
    assertThat(both.credentials("a.io")).contains(new Credentials("x", "auth"));
    assertThat(both.credentials("b.io")).contains(new Credentials("y", "docker"));
    assertThat(both.credentials("c.io")).isEmpty();

    DockerConfig homeOnly = env(Map.of(), home);
    assertThat(homeOnly.file()).isEqualTo(home.resolve(".docker/config.json"));
    assertThat(homeOnly.credentials("c.io")).contains(new Credentials("z", "home"));
    assertThat(env(Map.of("REGISTRY_AUTH_FILE", ""), home).files()).hasSize(2);
  }

  @Test
  void containersRuntimeAuthFileIsReadAfterDockersButNeverWritten() throws Exception {
    file("run/containers/auth.json", "{\"auths\":{\"a.io\":{\"auth\":\"" + b64("r:run") + "\"}}}");
    file("home/.docker/config.json", "{\"auths\":{\"b.io\":{\"auth\":\"" + b64("d:dkr") + "\"}}}");
    Path home = tmp.resolve("home");

    DockerConfig c = env(Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString()), home);

    assertThat(c.files())
        .containsExactly(
            home.resolve(".docker/config.json"),
            tmp.resolve("run/containers/auth.json"),
            home.resolve(".config/fermyon/registry-auth.json"));
    assertThat(c.file()).isEqualTo(home.resolve(".docker/config.json"));
    assertThat(c.credentials("a.io")).contains(new Credentials("r", "run"));
    assertThat(c.credentials("b.io")).contains(new Credentials("d", "dkr"));
  }

  @Test
  void homeIsTheHomeVariableAndUserHomeOnlyWhenItIsUnset() {
    assertThat(DockerConfig.home("/elsewhere/me")).isEqualTo(Path.of("/elsewhere/me"));
    assertThat(DockerConfig.home("")).isEqualTo(Path.of(System.getProperty("user.home")));
    assertThat(DockerConfig.home(null)).isEqualTo(Path.of(System.getProperty("user.home")));
  }

  @Test
  void spinsRegistryLoginFileIsReadLastWithItsBareBase64Entries() throws Exception {
    file(
        "xdg/fermyon/registry-auth.json",
        "{\"auths\":{\"ghcr.io\":\""
            + b64("spin:from-spin")
            + "\",\"a.io\":\""
            + b64("spin:loses")
            + "\",\"bad.io\":\"%%%\"}}");
    file("docker/config.json", "{\"auths\":{\"a.io\":{\"auth\":\"" + b64("x:docker") + "\"}}}");
    DockerConfig c =
        env(
            Map.of(
                "DOCKER_CONFIG",
                tmp.resolve("docker").toString(),
                "XDG_CONFIG_HOME",
                tmp.resolve("xdg").toString()),
            tmp.resolve("home"));

    assertThat(c.files().get(c.files().size() - 1))
        .isEqualTo(tmp.resolve("xdg/fermyon/registry-auth.json"));
    assertThat(c.file()).isEqualTo(tmp.resolve("docker/config.json"));
    assertThat(c.credentials("ghcr.io")).contains(new Credentials("spin", "from-spin"));
    assertThat(c.credentials("a.io")).contains(new Credentials("x", "docker"));
    assertThatThrownBy(() -> c.credentials("bad.io"))
        .hasMessageContaining("auths[\"bad.io\"] is not base64");
  }

  @Test
  void aMissingFileMeansNoCredentials() {
    assertThat(DockerConfig.at(tmp.resolve("none/config.json")).credentials("ghcr.io")).isEmpty();
  }

  @Test
  void aCredHelperForTheHostIsNamedWithTheFileAndTheFix() throws Exception {
    Path f = file("config.json", "{\"credHelpers\":{\"ghcr.io\":\"gcloud\"}}");
    assertThatThrownBy(() -> DockerConfig.at(f).credentials("ghcr.io"))
        .isInstanceOf(CredentialsKeptByHelper.class)
        .hasMessage(
            "credentials for ghcr.io are kept by docker-credential-gcloud ("
                + f
                + "), which Wasmlet does not run; pass --username and --password-stdin");
    assertThat(DockerConfig.at(f).credentials("quay.io")).isEmpty();
  }

  @Test
  void aCredsStoreIsNamedOnlyForARegistryTheFileListsWithoutCredentials() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"credsStore\":\"desktop\",\"auths\":{\"https://index.docker.io/v1/\":{}}}");
    assertThatThrownBy(() -> DockerConfig.at(f).credentials("docker.io"))
        .isInstanceOf(CredentialsKeptByHelper.class)
        .hasMessageContaining("credentials for docker.io are kept by docker-credential-desktop (")
        .hasMessageContaining(f.toString());
    assertThat(DockerConfig.at(f).credentials("ghcr.io")).as("never logged in to").isEmpty();
  }

  @Test
  void aUsableAuthsEntryWinsOverAHelper() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"credsStore\":\"desktop\",\"credHelpers\":{\"ghcr.io\":\"gcloud\"},"
                + "\"auths\":{\"ghcr.io\":{\"auth\":\""
                + b64("bot:tok")
                + "\"}}}");
    assertThat(DockerConfig.at(f).credentials("ghcr.io")).contains(new Credentials("bot", "tok"));
  }

  @Test
  void aHelperInTheFirstFileDoesNotHideCredentialsInTheSecond() throws Exception {
    Path authFile = file("auth.json", "{\"credHelpers\":{\"ghcr.io\":\"pass\"}}");
    file("docker/config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("bot:tok") + "\"}}}");
    DockerConfig c =
        env(
            Map.of(
                "REGISTRY_AUTH_FILE",
                authFile.toString(),
                "DOCKER_CONFIG",
                tmp.resolve("docker").toString()),
            tmp);
    assertThat(c.credentials("ghcr.io")).contains(new Credentials("bot", "tok"));
  }

  @Test
  void invalidJsonNamesTheFileAndWhereButNeverTheSecret() throws Exception {
    Path f = file("config.json", "{\"auths\":{\"ghcr.io\":{\"auth\":hunter2-secret}}}");
    assertThatThrownBy(() -> DockerConfig.at(f).credentials("ghcr.io"))
        .isInstanceOf(CredentialsMalformed.class)
        .hasMessageStartingWith(
            "registry credentials file " + f + ": it is not valid JSON (line 1,")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anAuthThatIsNotUserColonPasswordIsNamedButNotQuoted() throws Exception {
    Path notBase64 = file("a.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"hunter2!!\"}}}");
    assertThatThrownBy(() -> DockerConfig.at(notBase64).credentials("ghcr.io"))
        .isInstanceOf(CredentialsMalformed.class)
        .hasMessage(
            "registry credentials file "
                + notBase64
                + ": auths[\"ghcr.io\"].auth is not base64; fix it, or log in again (wasmlet"
                + " login, docker login)")
        .hasMessageNotContaining("hunter2");
    Path noColon =
        file("b.json", "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("hunter2") + "\"}}}");
    assertThatThrownBy(() -> DockerConfig.at(noColon).credentials("ghcr.io"))
        .hasMessageContaining("auths[\"ghcr.io\"].auth is not base64 of USER:PASSWORD")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining(b64("hunter2"));
  }

  @Test
  void wrongShapesAreNamed() throws Exception {
    Path array = file("a.json", "[]");
    assertThatThrownBy(() -> DockerConfig.at(array).credentials("ghcr.io"))
        .hasMessageContaining(": it is not a JSON object");
    Path auths = file("b.json", "{\"auths\":[\"ghcr.io\"]}");
    assertThatThrownBy(() -> DockerConfig.at(auths).credentials("ghcr.io"))
        .hasMessageContaining(": \"auths\" is not an object");
    Path noUser = file("c.json", "{\"auths\":{\"ghcr.io\":{\"password\":\"hunter2\"}}}");
    assertThatThrownBy(() -> DockerConfig.at(noUser).credentials("ghcr.io"))
        .hasMessageContaining("auths[\"ghcr.io\"] has a password but no username")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void storeKeepsEveryOtherKeyAndWritesTheFile0600() throws Exception {
    Path f =
        file(
            "docker/config.json",
            "{\"auths\":{\"quay.io\":{\"auth\":\""
                + b64("q:1")
                + "\"},\"ghcr.io\":{\"auth\":\""
                + b64("old:0")
                + "\"}},\"credHelpers\":{\"gcr.io\":\"gcloud\"},"
                + "\"psFormat\":\"table {{.ID}}\",\"proxies\":{\"default\":{\"httpProxy\":\"x\"}},"
                + "\"n\":1.10}");
    DockerConfig c = DockerConfig.at(f);

    assertThat(c.store("ghcr.io", new Credentials("bot", "tok"))).isEqualTo(f);

    JsonNode root = new ObjectMapper().readTree(f.toFile());
    assertThat(root.path("auths").path("ghcr.io").path("auth").asText()).isEqualTo(b64("bot:tok"));
    assertThat(root.path("auths").path("ghcr.io").size()).isEqualTo(1);
    assertThat(root.path("auths").path("quay.io").path("auth").asText()).isEqualTo(b64("q:1"));
    assertThat(root.path("credHelpers").path("gcr.io").asText()).isEqualTo("gcloud");
    assertThat(root.path("psFormat").asText()).isEqualTo("table {{.ID}}");
    assertThat(root.path("proxies").path("default").path("httpProxy").asText()).isEqualTo("x");
    assertThat(Files.readString(f)).contains("1.10");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(c.credentials("ghcr.io")).contains(new Credentials("bot", "tok"));
    try (var files = Files.list(f.getParent())) {
      assertThat(files).as("no temp file left").containsExactly(f);
    }
  }

  @Test
  void storeCreatesTheDirectory0700AndTheFile() throws Exception {
    Path dir = tmp.resolve("new/.docker");
    DockerConfig c = env(Map.of("DOCKER_CONFIG", dir.toString()), tmp);
    c.store("127.0.0.1:5000", new Credentials("alice", "s3cret"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.file())))
        .isEqualTo("rw-------");
    assertThat(c.credentials("127.0.0.1:5000")).contains(new Credentials("alice", "s3cret"));
  }

  @Test
  void storeRefusesToOverwriteAMalformedFile() throws Exception {
    Path f = file("config.json", "{not json");
    assertThatThrownBy(() -> DockerConfig.at(f).store("ghcr.io", new Credentials("a", "b")))
        .isInstanceOf(CredentialsMalformed.class);
    assertThat(Files.readString(f)).isEqualTo("{not json");
  }

  @Test
  void removeDropsEveryEntryForTheHostAndKeepsTheRest() throws Exception {
    Path f =
        file(
            "config.json",
            "{\"auths\":{\"ghcr.io\":{\"auth\":\""
                + b64("a:1")
                + "\"},\"https://ghcr.io\":{\"auth\":\""
                + b64("a:2")
                + "\"},\"quay.io\":{\"auth\":\""
                + b64("q:1")
                + "\"}},\"credsStore\":\"\"}");
    DockerConfig c = DockerConfig.at(f);
    assertThat(c.remove("ghcr.io")).isTrue();
    assertThat(c.credentials("ghcr.io")).isEmpty();
    assertThat(c.credentials("quay.io")).contains(new Credentials("q", "1"));
    assertThat(new ObjectMapper().readTree(f.toFile()).has("credsStore")).isTrue();
    assertThat(c.remove("ghcr.io")).isFalse();
    assertThat(DockerConfig.at(tmp.resolve("none.json")).remove("ghcr.io")).isFalse();
  }
}
