package dev.wasmlet.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Registry credentials where {@code docker login} and {@code skopeo login} keep them: the {@code
 * auths} of containers' {@code $REGISTRY_AUTH_FILE} when it is set, then of {@code
 * $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, then of containers' default
 * {@code $XDG_RUNTIME_DIR/containers/auth.json} (read only). {@code ~} is {@code $HOME}, as for
 * docker and skopeo, and Java's {@code user.home} only when {@code HOME} is unset. An entry is
 * {@code {"auth": base64(user:password)}} or {@code {"username": .., "password": ..}}, under the
 * host ({@code ghcr.io}, {@code 127.0.0.1:5000}) or a URL for it ({@code https://ghcr.io}, {@code
 * https://index.docker.io/v1/}). Last, the file {@code spin registry login} writes, {@code
 * $XDG_CONFIG_HOME/fermyon/registry-auth.json} (else {@code ~/.config/...}), whose entries are the
 * base64 string itself. Credential helpers ({@code credsStore}, {@code credHelpers}) are never run;
 * a registry whose credentials only a helper holds is reported as such.
 *
 * <p>The system properties {@value #DIR_PROPERTY} (a directory, in place of {@code $DOCKER_CONFIG})
 * and {@value #AUTH_FILE_PROPERTY} (in place of {@code $REGISTRY_AUTH_FILE}) move both locations;
 * when either is set the two variables are ignored. They exist for tests and embedders; {@link
 * #fromEnvironment} is the one place that reads them.
 */
public final class DockerConfig {
  /** A directory holding {@code config.json}, read instead of {@code $DOCKER_CONFIG}. */
  public static final String DIR_PROPERTY = "wasmlet.docker.config";

  /** An auth file, read instead of {@code $REGISTRY_AUTH_FILE}. */
  public static final String AUTH_FILE_PROPERTY = "wasmlet.registry.auth.file";

  /** A directory read instead of {@code $XDG_CONFIG_HOME} for Spin's {@code fermyon/} file. */
  public static final String XDG_PROPERTY = "wasmlet.xdg.config";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> DOCKER_HUB =
      List.of("docker.io", "index.docker.io", "registry-1.docker.io");

  private final List<Path> files;

  private DockerConfig(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** The files of this process: the system properties if set, else the environment variables. */
  public static DockerConfig fromEnvironment() {
    boolean moved =
        System.getProperty(DIR_PROPERTY) != null || System.getProperty(AUTH_FILE_PROPERTY) != null;
    Map<String, String> names =
        Map.of(
            "DOCKER_CONFIG",
            DIR_PROPERTY,
            "REGISTRY_AUTH_FILE",
            AUTH_FILE_PROPERTY,
            "XDG_CONFIG_HOME",
            XDG_PROPERTY);
    return of(
        variable ->
            moved
                ? (names.containsKey(variable) ? System.getProperty(names.get(variable)) : null)
                : System.getenv(variable),
        home(System.getenv("HOME")));
  }

  /** {@code $HOME} when set, as docker and skopeo take it; else Java's {@code user.home}. */
  static Path home(String homeVariable) {
    return homeVariable == null || homeVariable.isBlank()
        ? Path.of(System.getProperty("user.home"))
        : Path.of(homeVariable);
  }

  /**
   * The files named by {@code REGISTRY_AUTH_FILE}, {@code DOCKER_CONFIG}, {@code XDG_RUNTIME_DIR}
   * and {@code XDG_CONFIG_HOME} as {@code env} answers them (null or blank: unset), with {@code
   * home} for {@code ~}.
   */
  public static DockerConfig of(UnaryOperator<String> env, Path home) {
    List<Path> files = new ArrayList<>();
    String authFile = env.apply("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isBlank()) {
      files.add(Path.of(authFile));
    }
    String dir = env.apply("DOCKER_CONFIG");
    files.add(
        (dir == null || dir.isBlank() ? home.resolve(".docker") : Path.of(dir))
            .resolve("config.json"));
    String runtime = env.apply("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      files.add(Path.of(runtime, "containers", "auth.json"));
    }
    String xdg = env.apply("XDG_CONFIG_HOME");
    files.add(
        (xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg))
            .resolve("fermyon")
            .resolve("registry-auth.json"));
    return new DockerConfig(files);
  }

  /** One file only, read and written. */
  public static DockerConfig at(Path file) {
    return new DockerConfig(List.of(file));
  }

  /** The file {@link #store} writes and {@link #remove} edits: the first one looked at. */
  public Path file() {
    return files.get(0);
  }

  /** The files looked at, in order. */
  public List<Path> files() {
    return files;
  }

  /**
   * The credentials for a registry ({@code host[:port]}) from the first file with a usable {@code
   * auths} entry for it; empty when none has one (and no helper holds them).
   *
   * @throws CredentialsMalformed when a file is not JSON or its entry for the registry is not
   *     usable as written
   * @throws CredentialsKeptByHelper when no file has the credentials but a credential helper does
   */
  public Optional<Credentials> credentials(String registry) {
    Optional<CredentialsKeptByHelper> helper = Optional.empty();
    for (Path file : files) {
      Optional<ObjectNode> root = read(file);
      if (root.isEmpty()) {
        continue;
      }
      ObjectNode auths = objectAt(root.get(), "auths", file);
      Optional<String> key = keyFor(auths, registry);
      if (key.isPresent()) {
        Optional<Credentials> found = entry(auths.get(key.get()), key.get(), file);
        if (found.isPresent()) {
          return found;
        }
      }
      if (helper.isEmpty()) {
        helper = helperFor(root.get(), registry, key.isPresent(), file);
      }
    }
    if (helper.isPresent()) {
      throw helper.get();
    }
    return Optional.empty();
  }

  /**
   * Adds or replaces {@code auths[registry]} in {@link #file} as {@code {"auth": base64(u:p)}},
   * keeping every other key; written atomically with mode 0600 (its directory made 0700 if new).
   *
   * @return the file written
   * @throws CredentialsMalformed when the file is there but not a JSON object
   */
  public Path store(String registry, Credentials credentials) {
    Path file = file();
    ObjectNode root = read(file).orElseGet(JSON::createObjectNode);
    ObjectNode auths = objectAt(root, "auths", file);
    root.set("auths", auths);
    String userPass = credentials.username() + ":" + credentials.password();
    ObjectNode entry = JSON.createObjectNode();
    entry.put(
        "auth", Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
    auths.set(registry, entry);
    write(file, root);
    return file;
  }

  /**
   * Removes every {@code auths} entry for the registry (its host and URLs for it) from {@link
   * #file}, keeping the rest.
   *
   * @return whether there was one
   */
  public boolean remove(String registry) {
    Path file = file();
    Optional<ObjectNode> root = read(file);
    if (root.isEmpty()) {
      return false;
    }
    ObjectNode auths = objectAt(root.get(), "auths", file);
    boolean removed = false;
    for (Iterator<String> keys = auths.fieldNames(); keys.hasNext(); ) {
      if (sameRegistry(keys.next(), registry)) {
        keys.remove();
        removed = true;
      }
    }
    if (removed) {
      write(file, root.get());
    }
    return removed;
  }

  /** The key of {@code auths} for the registry: the host itself first, else a URL for it. */
  private static Optional<String> keyFor(ObjectNode auths, String registry) {
    if (auths.has(registry)) {
      return Optional.of(registry);
    }
    for (Iterator<String> keys = auths.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (sameRegistry(key, registry)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** Whether a key of {@code auths} ({@code host}, {@code https://host/v1/}) names the registry. */
  static boolean sameRegistry(String key, String registry) {
    String host = key.toLowerCase(Locale.ROOT);
    if (host.startsWith("https://")) {
      host = host.substring(8);
    } else if (host.startsWith("http://")) {
      host = host.substring(7);
    }
    int slash = host.indexOf('/');
    host = slash < 0 ? host : host.substring(0, slash);
    String wanted = registry.toLowerCase(Locale.ROOT);
    return host.equals(wanted) || (DOCKER_HUB.contains(host) && DOCKER_HUB.contains(wanted));
  }

  private static Optional<Credentials> entry(JsonNode entry, String key, Path file) {
    String where = "auths[\"" + key + "\"]";
    if (entry.isTextual()) {
      return Optional.of(userPassword(entry.asText(), where, file)); // Spin's shape
    }
    if (!entry.isObject()) {
      throw new CredentialsMalformed(file, where + " is not an object");
    }
    JsonNode auth = entry.get("auth");
    if (auth != null && !auth.isNull() && !auth.asText("").isEmpty()) {
      if (!auth.isTextual()) {
        throw new CredentialsMalformed(file, where + ".auth is not a string");
      }
      return Optional.of(userPassword(auth.asText(), where + ".auth", file));
    }
    JsonNode user = entry.get("username");
    JsonNode password = entry.get("password");
    if (user == null && password == null) {
      return Optional.empty();
    }
    if (user == null || !user.isTextual() || user.asText().isEmpty()) {
      throw new CredentialsMalformed(file, where + " has a password but no username");
    }
    if (password == null || !password.isTextual()) {
      throw new CredentialsMalformed(file, where + " has a username but no password");
    }
    return Optional.of(new Credentials(user.asText(), password.asText()));
  }

  /** Credentials from base64 of {@code USER:PASSWORD}; the password may hold colons. */
  private static Credentials userPassword(String base64, String where, Path file) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CredentialsMalformed(file, where + " is not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new CredentialsMalformed(file, where + " is not base64 of USER:PASSWORD");
    }
    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /**
   * The helper that holds the registry's credentials: {@code credHelpers[registry]}, else {@code
   * credsStore} when the file lists the registry (as docker does with an empty entry after a
   * login). A {@code credsStore} alone says nothing about a registry never logged in to.
   */
  private static Optional<CredentialsKeptByHelper> helperFor(
      ObjectNode root, String registry, boolean listed, Path file) {
    ObjectNode helpers = objectAt(root, "credHelpers", file);
    for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (sameRegistry(e.getKey(), registry)) {
        if (!e.getValue().isTextual()) {
          throw new CredentialsMalformed(
              file, "credHelpers[\"" + e.getKey() + "\"] is not a string");
        }
        return Optional.of(new CredentialsKeptByHelper(registry, e.getValue().asText(), file));
      }
    }
    JsonNode store = root.get("credsStore");
    if (listed && store != null && !store.isNull()) {
      if (!store.isTextual()) {
        throw new CredentialsMalformed(file, "credsStore is not a string");
      }
      if (!store.asText().isEmpty()) {
        return Optional.of(new CredentialsKeptByHelper(registry, store.asText(), file));
      }
    }
    return Optional.empty();
  }

  /** The object under {@code name} (an empty one when absent or null). */
  private static ObjectNode objectAt(ObjectNode root, String name, Path file) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return JSON.createObjectNode();
    }
    if (!node.isObject()) {
      throw new CredentialsMalformed(file, "\"" + name + "\" is not an object");
    }
    return (ObjectNode) node;
  }

  /** The file's top-level object; empty when there is no file (or it is empty). */
  private static Optional<ObjectNode> read(Path file) {
    byte[] bytes;
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CredentialsMalformed(
          file, "it cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text around the error, which may be a secret.
      var at = e.getLocation();
      throw new CredentialsMalformed(
          file,
          "it is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new CredentialsMalformed(
          file, "it cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (!root.isObject()) {
      throw new CredentialsMalformed(file, "it is not a JSON object");
    }
    return Optional.of((ObjectNode) root);
  }

  /** Writes through a 0600 temp file in the same directory, renamed over the file. */
  private static void write(Path file, ObjectNode root) {
    try {
      Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
      Path dir = target.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path tmp =
          Files.createTempFile(
              dir,
              "." + target.getFileName(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, JSON.writeValueAsBytes(root));
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new StoreFailed("cannot write registry credentials to " + file + ": " + e, e);
    }
  }
}
