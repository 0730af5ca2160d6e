package dev.wasmlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmlet.testing.LocalRegistry;
import dev.wasmlet.testing.Tools;
import dev.wasmlet.trust.DockerConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials from {@code skopeo login} and {@code wasmlet login}, against a real
 * docker-registry with htpasswd basic auth. In-process runs find the credentials file through the
 * {@link DockerConfig#DIR_PROPERTY} and {@link DockerConfig#AUTH_FILE_PROPERTY} system properties
 * (environment variables cannot be set in-process); one run is the real launcher with {@code
 * DOCKER_CONFIG} set.
 */
class RegistryLoginIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-pw";

  @TempDir Path tmp;
  LocalRegistry registry;
  Path dockerDir;
  String app;
  InputStream stdin;

  @BeforeEach
  void start() throws Exception {
    registry = LocalRegistry.start(tmp.resolve("registry"), USER, PASSWORD);
    dockerDir = tmp.resolve("docker");
    System.setProperty(DockerConfig.DIR_PROPERTY, dockerDir.toString());
    System.setProperty(DockerConfig.XDG_PROPERTY, tmp.resolve("xdg").toString());
    app = Tools.root().resolve("examples/hello-c").toString();
    stdin = System.in;
  }

  @AfterEach
  void stop() throws Exception {
    System.clearProperty(DockerConfig.DIR_PROPERTY);
    System.clearProperty(DockerConfig.AUTH_FILE_PROPERTY);
    System.clearProperty(DockerConfig.XDG_PROPERTY);
    System.setIn(stdin);
    if (registry != null) {
      registry.close();
    }
  }

  private String ref(String repo) {
    return registry.address() + "/" + repo + ":1.0";
  }

  private CliRun login(String password) {
    System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
    return CliRun.of(
        "login", registry.address(), "--username", USER, "--password-stdin", "--insecure");
  }

  private void skopeoLogin(Path authFile) throws Exception {
    Tools.run(
        tmp,
        "skopeo",
        "login",
        "--tls-verify=false",
        "--authfile",
        authFile.toString(),
        "--username",
        USER,
        "--password",
        PASSWORD,
        registry.address());
  }

  @Test
  void pushWithoutUsernameUsesTheCredentialsSkopeoLoginStored() throws Exception {
    CliRun anonymous = CliRun.of("push", app, ref("apps/hello"), "--insecure");
    assertThat(anonymous.code()).as("%s", anonymous).isEqualTo(ExitCodes.REFUSED);
    assertThat(anonymous.err()).contains("HTTP 401");

    skopeoLogin(dockerDir.resolve("config.json"));
    CliRun push = CliRun.of("push", app, ref("apps/hello"), "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
    assertThat(push.out()).contains("pushed " + ref("apps/hello"));
    assertThat(push.all()).doesNotContain(PASSWORD);

    CliRun pull =
        CliRun.of(
            "pull", ref("apps/hello"), "--insecure", "--store", tmp.resolve("store").toString());
    assertThat(pull.code()).as("%s", pull).isZero();
  }

  @Test
  void registryAuthFileIsUsedFirst() throws Exception {
    Path authFile = tmp.resolve("containers/auth.json");
    System.setProperty(DockerConfig.AUTH_FILE_PROPERTY, authFile.toString());
    skopeoLogin(authFile);
    Files.createDirectories(dockerDir);
    Files.writeString(
        dockerDir.resolve("config.json"),
        "{\"auths\":{\"" + registry.address() + "\":{\"username\":\"alice\",\"password\":\"x\"}}}");

    CliRun push = CliRun.of("push", app, ref("apps/auth-file"), "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
  }

  @Test
  void loginChecksThenStoresTheCredentialsForPushAndPullAndLogoutForgetsThem() throws Exception {
    Path config = dockerDir.resolve("config.json");

    CliRun wrong = login("not-the-password");
    assertThat(wrong.code()).as("%s", wrong).isEqualTo(ExitCodes.REFUSED);
    assertThat(wrong.err())
        .contains("registry " + registry.address() + " (plain HTTP) refused the login (HTTP 401)");
    assertThat(wrong.all()).doesNotContain("not-the-password");
    assertThat(config).as("nothing written after a refused login").doesNotExist();

    CliRun ok = login(PASSWORD);
    assertThat(ok.code()).as("%s", ok).isZero();
    assertThat(ok.out())
        .isEqualTo(
            "login succeeded for " + registry.address() + " (credentials in " + config + ")\n");
    assertThat(ok.all()).doesNotContain(PASSWORD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");

    CliRun push = CliRun.of("push", app, ref("apps/login"), "--insecure");
    assertThat(push.code()).as("%s", push).isZero();
    CliRun pull =
        CliRun.of(
            "pull", ref("apps/login"), "--insecure", "--store", tmp.resolve("store").toString());
    assertThat(pull.code()).as("%s", pull).isZero();
    assertThat(pull.out()).startsWith("sha256:");

    CliRun logout = CliRun.of("logout", registry.address());
    assertThat(logout.code()).as("%s", logout).isZero();
    assertThat(logout.out())
        .isEqualTo("removed the credentials for " + registry.address() + " (" + config + ")\n");
    assertThat(Files.readString(config)).doesNotContain(registry.address());

    CliRun refused = CliRun.of("push", app, ref("apps/login"), "--insecure");
    assertThat(refused.code()).as("%s", refused).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err())
        .contains("refused")
        .contains("HTTP 401")
        .contains("--username and --password-stdin");

    CliRun again = CliRun.of("logout", registry.address());
    assertThat(again.out()).startsWith("not logged in to " + registry.address());
  }

  @Test
  void aPasswordFromStdinServesEveryRegistryCallOfOneCommand() throws Exception {
    // up --from --policy opens the registry twice (verify, then pull): the password is read once
    String key = PolicyFiles.key(tmp, "ci");
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
    CliRun push =
        CliRun.of(
            "push",
            app,
            ref("apps/stdin"),
            "--insecure",
            "--key",
            key + ".key",
            "--username",
            USER,
            "--password-stdin");
    assertThat(push.code()).as("%s", push).isZero();
    Path policy =
        PolicyFiles.policy(
            tmp.resolve("policy.toml"), key, "allowedRegistries = [\"127.0.0.1:*\"]\n");
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
    CliRun up =
        CliRun.of(
            "up",
            "--from",
            ref("apps/stdin"),
            "--insecure",
            "--username",
            USER,
            "--password-stdin",
            "--policy",
            policy.toString(),
            "--store",
            tmp.resolve("store").toString(),
            "--check",
            "--listen",
            "127.0.0.1:0",
            "--cache-dir",
            tmp.resolve("cache").toString());
    assertThat(up.code()).as("%s", up).isZero();
    assertThat(up.out()).contains("PASS signature-valid").contains("check passed");
  }

  @Test
  void credentialsKeptByAHelperAreNamedNotRun() throws Exception {
    Files.createDirectories(dockerDir);
    Path config = dockerDir.resolve("config.json");
    Files.writeString(
        config, "{\"credHelpers\":{\"" + registry.address() + "\":\"wasmlet-test-none\"}}");
    CliRun push = CliRun.of("push", app, ref("apps/helper"), "--insecure");
    assertThat(push.code()).as("%s", push).isEqualTo(ExitCodes.USAGE);
    assertThat(push.err())
        .isEqualTo(
            "error: credentials for "
                + registry.address()
                + " are kept by docker-credential-wasmlet-test-none ("
                + config
                + "), which Wasmlet does not run; pass --username and --password-stdin\n");
  }

  @Test
  void aMalformedConfigIsNamedWithoutTheSecret() throws Exception {
    Files.createDirectories(dockerDir);
    Path config = dockerDir.resolve("config.json");
    Files.writeString(config, "{\"auths\":{\"" + registry.address() + "\":{\"auth\":" + PASSWORD);
    CliRun push = CliRun.of("push", app, ref("apps/malformed"), "--insecure");
    assertThat(push.code()).as("%s", push).isEqualTo(ExitCodes.USAGE);
    assertThat(push.err()).contains(config + ": it is not valid JSON").doesNotContain(PASSWORD);
  }

  @Test
  void loginAndLogoutInAChildProcessUseHomeAsSkopeoDoes() throws Exception {
    Path home = tmp.resolve("home");
    Path config = home.resolve(".docker/config.json");

    Launched login =
        launch(
            home,
            PASSWORD + "\n",
            "login",
            registry.address(),
            "--username",
            USER,
            "--password-stdin",
            "--insecure");
    assertThat(login.code()).as("%s", login.out()).isZero();
    assertThat(login.out())
        .contains("login succeeded for " + registry.address() + " (credentials in " + config + ")")
        .doesNotContain(PASSWORD);
    assertThat(config).exists();

    ProcessBuilder skopeo =
        new ProcessBuilder("skopeo", "login", "--get-login", registry.address())
            .redirectErrorStream(true);
    isolate(skopeo, home);
    Process p = skopeo.start();
    String who = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(who).as("skopeo reads the file wasmlet wrote").isEqualTo(USER);

    Launched logout = launch(home, "", "logout", registry.address());
    assertThat(logout.code()).as("%s", logout.out()).isZero();
    assertThat(logout.out())
        .contains("removed the credentials for " + registry.address() + " (" + config + ")");
    assertThat(Files.readString(config)).doesNotContain(registry.address());
  }

  @Test
  void loginWithoutInsecureToAPlainHttpRegistrySaysSoAndGivesTheCommand() throws Exception {
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
    CliRun login = CliRun.of("login", registry.address(), "--username", USER, "--password-stdin");

    assertThat(login.code()).as("%s", login).isEqualTo(ExitCodes.USAGE);
    assertThat(login.err())
        .contains(
            "registry "
                + registry.address()
                + " speaks plain HTTP, not HTTPS, so TLS failed while the login; it is on this"
                + " machine: add --insecure to talk plain HTTP to it:\n  wasmlet login "
                + registry.address()
                + " --username alice --password-stdin --insecure")
        .doesNotContain("TLS failed while the login (");
    assertThat(login.all()).doesNotContain(PASSWORD);
    assertThat(dockerDir.resolve("config.json")).doesNotExist();
  }

  private record Launched(int code, String out) {}

  /** The real launcher, its environment naming no credentials file but {@code HOME}. */
  private Launched launch(Path home, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // user.home elsewhere again: only $HOME may lead to the file, as for docker and skopeo
    cmd.add("-Duser.home=" + tmp.resolve("user.home"));
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    isolate(pb, home);
    Process p = pb.start();
    try {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("wasmlet exited").isTrue();
      return new Launched(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  private static void isolate(ProcessBuilder pb, Path home) {
    for (String v :
        List.of(
            "JAVA_TOOL_OPTIONS",
            "REGISTRY_AUTH_FILE",
            "DOCKER_CONFIG",
            "XDG_RUNTIME_DIR",
            "XDG_CONFIG_HOME")) {
      pb.environment().remove(v);
    }
    pb.environment().put("HOME", home.toString());
  }

  @Test
  void theLauncherFindsCredentialsThroughDockerConfig() throws Exception {
    skopeoLogin(dockerDir.resolve("config.json"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("wasmlet.classpath"));
    cmd.add("dev.wasmlet.cli.Main");
    cmd.addAll(List.of("push", app, ref("apps/env"), "--insecure"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("REGISTRY_AUTH_FILE");
    pb.environment().put("DOCKER_CONFIG", dockerDir.toString());
    pb.environment().put("HOME", tmp.resolve("home").toString());
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("wasmlet push exited").isTrue();
      assertThat(p.exitValue()).as("wasmlet push; output:%n%s", out).isZero();
      assertThat(out).contains("pushed " + ref("apps/env")).doesNotContain(PASSWORD);
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
