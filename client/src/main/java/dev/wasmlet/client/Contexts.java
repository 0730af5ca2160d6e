package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The contexts file, like kubeconfig: named servers with their tokens, and which one is current.
 * {@code {"current":"local","contexts":{"local":{"server":"http://127.0.0.1:7070",
 * "tokenFile":"/path"}}}}. Immutable; {@link #save} writes it owner-only (0600), atomically.
 */
public final class Contexts {
  private final Path file;
  private final Optional<String> current;
  private final Map<String, Context> contexts;

  private Contexts(Path file, Optional<String> current, Map<String, Context> contexts) {
    this.file = file;
    this.current = current;
    this.contexts = Collections.unmodifiableMap(new TreeMap<>(contexts));
  }

  /**
   * {@code $WASMLET_CONFIG}, else {@code $XDG_CONFIG_HOME/wasmlet/config.json}, else
   * ~/.config/wasmlet/config.json.
   */
  public static Path defaultFile(HostEnvironment env) {
    return env.variable("WASMLET_CONFIG")
        .map(Path::of)
        .or(() -> env.variable("XDG_CONFIG_HOME").map(x -> Path.of(x, "wasmlet", "config.json")))
        .orElseGet(() -> env.home().resolve(".config/wasmlet/config.json"));
  }

  /**
   * Reads a contexts file; one that does not exist has no contexts.
   *
   * @throws ConfigInvalid when it cannot be read or is not a contexts file
   */
  public static Contexts load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Contexts(file, Optional.empty(), Map.of());
    } catch (IOException e) {
      throw new ConfigInvalid("cannot read the contexts file " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = Json.MAPPER.readTree(bytes);
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      Map<String, Context> all = new TreeMap<>();
      JsonNode cs = root.path("contexts");
      for (Map.Entry<String, JsonNode> e : cs.properties()) {
        JsonNode c = e.getValue();
        if (!c.path("server").isTextual()) {
          throw new IOException("context \"" + e.getKey() + "\" has no \"server\"");
        }
        all.put(
            e.getKey(),
            new Context(
                c.get("server").asText(),
                Json.optionalText(c, "token"),
                Json.optionalText(c, "tokenFile").map(Path::of)));
      }
      return new Contexts(file, Json.optionalText(root, "current"), all);
    } catch (IOException | ConfigInvalid e) {
      throw new ConfigInvalid(
          "the contexts file "
              + file
              + " is invalid ("
              + e.getMessage()
              + "); fix it or remove it and add contexts again with wasmlet context add",
          e);
    }
  }

  public Path file() {
    return file;
  }

  /** The current context's name, if one is set. */
  public Optional<String> current() {
    return current;
  }

  /** Every context by name, sorted. */
  public Map<String, Context> contexts() {
    return contexts;
  }

  /**
   * A context by name.
   *
   * @throws ConfigInvalid when there is none, naming the file and how to add one
   */
  public Context context(String name) {
    Context c = contexts.get(name);
    if (c == null) {
      throw new ConfigInvalid(
          "no context named \""
              + name
              + "\" in "
              + file
              + "; see wasmlet context list, or add it with wasmlet context add "
              + name
              + " --server URL");
    }
    return c;
  }

  /** These contexts with one added or replaced; the first one added becomes current. */
  public Contexts with(String name, Context context) {
    Map<String, Context> all = new TreeMap<>(contexts);
    all.put(Context.checkName(name), context);
    return new Contexts(file, current.isPresent() ? current : Optional.of(name), all);
  }

  /** These contexts without one; it is no longer current. */
  public Contexts without(String name) {
    context(name);
    Map<String, Context> all = new TreeMap<>(contexts);
    all.remove(name);
    return new Contexts(file, current.filter(c -> !c.equals(name)), all);
  }

  /** These contexts with another one current. */
  public Contexts withCurrent(String name) {
    context(name);
    return new Contexts(file, Optional.of(name), contexts);
  }

  /**
   * Writes the file, readable by its owner only (0600), replacing the old one atomically.
   *
   * @throws ConfigInvalid when it cannot be written
   */
  public void save() {
    ObjectNode root = Json.object();
    current.ifPresent(c -> root.put("current", c));
    ObjectNode all = root.putObject("contexts");
    contexts.forEach(
        (name, c) -> {
          ObjectNode o = all.putObject(name);
          o.put("server", c.server());
          c.token().ifPresent(t -> o.put("token", t));
          c.tokenFile().ifPresent(f -> o.put("tokenFile", f.toString()));
        });
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          tmp,
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
          StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (FileAlreadyExistsException e) {
      throw new ConfigInvalid("cannot write " + file + ": " + tmp + " is in the way", e);
    } catch (IOException e) {
      throw new ConfigInvalid("cannot write the contexts file " + file + ": " + e.getMessage(), e);
    }
  }
}
