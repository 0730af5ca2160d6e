package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lays out an app pushed by Spin ({@code spin registry push}): its locked app (Spin {@code
 * crates/locked-app/src/locked.rs}) names each module and file by digest, the layers hold them
 * without titles. Each component's module goes to {@code modules/<id>.wasm}, its files to {@code
 * files/<id>/<path>} (mounted at {@code /}, as Spin's OCI loader mounts them), and a {@code
 * wasmlet.toml} rebuilt from the locked app is written next to them (key-value stores and SQLite
 * databases included). What a Wasmlet app cannot express (another trigger type, AI models,
 * component dependencies, host requirements, ...) is refused, naming the field; unknown top-level
 * fields are ignored, as Spin ignores them.
 */
final class SpinLayout {
  static final String MANIFEST = "wasmlet.toml";

  private static final Set<String> APP_METADATA_IGNORED = Set.of("origin", "profile", "trigger");
  private static final Map<String, String> COMPONENT_METADATA_UNSUPPORTED =
      Map.of("ai_models", "AI models are");
  private static final Set<String> MUST_UNDERSTAND =
      Set.of("host_requirements", "component_host_requirements");

  static final String UNEXPRESSIBLE =
      "cannot be expressed in a Wasmlet app; the artifact is refused";

  private final Reference ref;
  private final SpinJson json;
  private final Map<String, Blob> layers = new HashMap<>();
  private final Map<String, Plan.Content> files = new LinkedHashMap<>();
  private final SpinToml toml = new SpinToml();

  private SpinLayout(Reference ref, ImageManifest m) {
    this.ref = ref;
    this.json = new SpinJson(ref);
    m.layers().forEach(l -> layers.putIfAbsent(l.digest(), l));
  }

  /**
   * @param lockedApp the locked app's JSON, from the config or from its layer
   * @throws ArtifactUnsupported naming the field Wasmlet cannot express or the content it lacks
   * @throws DigestMismatch when inlined content does not hash to its digest
   */
  static Plan plan(Reference ref, ImageManifest m, byte[] lockedApp) {
    return new SpinLayout(ref, m).layOut(lockedApp);
  }

  private Plan layOut(byte[] lockedApp) {
    JsonNode root;
    try {
      root = ImageManifest.JSON.readTree(new String(lockedApp, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ArtifactUnsupported(
          ref + ": the Spin locked app is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("spin_lock_version")) {
      throw json.fail("", "there is no spin_lock_version; it is not a Spin locked app");
    }
    JsonNode version = root.get("spin_lock_version");
    if (!version.isIntegralNumber() || version.asInt() < 0 || version.asInt() > 1) {
      throw json.fail(
          "spin_lock_version", version + " is not supported; Wasmlet reads versions 0 and 1");
    }
    for (JsonNode n : json.array(root, "must_understand", "must_understand")) {
      if (!n.isTextual() || !MUST_UNDERSTAND.contains(n.asText())) {
        throw json.fail(
            "must_understand",
            "names " + n + ", which Wasmlet does not understand; the artifact is refused");
      }
    }
    hostRequirements(root, "");
    toml.comment("Rebuilt by Wasmlet from the locked app of an artifact pushed by Spin.");
    toml.raw("wasmlet_manifest_version", "1");
    application(json.object(root, "metadata", "metadata"));
    variables(json.object(root, "variables", "variables"));
    List<JsonNode> triggers = json.array(root, "triggers", "triggers");
    for (int i = 0; i < triggers.size(); i++) {
      SpinTrigger.write(this, triggers.get(i), "triggers[" + i + "]");
    }
    List<JsonNode> components = json.array(root, "components", "components");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < components.size(); i++) {
      component(components.get(i), i, ids);
    }
    files.put(MANIFEST, new Plan.Written(toml.toString().getBytes(StandardCharsets.UTF_8)));
    return new Plan(files, MANIFEST, false);
  }

  private void application(Map<String, JsonNode> meta) {
    Optional<String> base = Optional.empty();
    for (Map.Entry<String, JsonNode> e : meta.entrySet()) {
      String key = e.getKey();
      switch (key) {
        case "name", "version", "description", "authors" -> {}
        case "triggers" -> base = triggerConfigs(e.getValue());
        default -> {
          if (!APP_METADATA_IGNORED.contains(key)) {
            throw json.fail("metadata." + key, UNEXPRESSIBLE);
          }
        }
      }
    }
    toml.header("[application]");
    toml.string(
        "name", json.text(meta, "name", "metadata.name").orElseGet(() -> AppLayout.name(ref)));
    json.text(meta, "version", "metadata.version").ifPresent(v -> toml.string("version", v));
    json.text(meta, "description", "metadata.description")
        .ifPresent(d -> toml.string("description", d));
    List<String> authors = json.strings(meta.get("authors"), "metadata.authors");
    if (!authors.isEmpty()) {
      toml.strings("authors", authors);
    }
    base.ifPresent(b -> toml.header("[application.trigger.http]").string("base", b));
  }

  /** {@code metadata.triggers}: the base of HTTP routes; other trigger types are refused. */
  private Optional<String> triggerConfigs(JsonNode triggers) {
    Optional<String> base = Optional.empty();
    for (Map.Entry<String, JsonNode> t : json.fields(triggers, "metadata.triggers").entrySet()) {
      String where = "metadata.triggers." + t.getKey();
      Map<String, JsonNode> config = json.fields(t.getValue(), where);
      if (!t.getKey().equals("http")) {
        if (!config.isEmpty()) {
          throw json.fail(
              where,
              "configures "
                  + t.getKey()
                  + " triggers, which Wasmlet does not serve; the artifact is refused");
        }
        continue;
      }
      for (String key : config.keySet()) {
        if (!key.equals("base")) {
          throw json.fail(where + "." + key, UNEXPRESSIBLE);
        }
      }
      base = json.text(config, "base", where + ".base");
    }
    return base;
  }

  private void variables(Map<String, JsonNode> variables) {
    if (variables.isEmpty()) {
      return;
    }
    toml.header("[variables]");
    for (Map.Entry<String, JsonNode> e : new TreeMap<>(variables).entrySet()) {
      String where = "variables." + e.getKey();
      Map<String, JsonNode> v = json.fields(e.getValue(), where);
      for (String key : v.keySet()) {
        if (!Set.of("description", "default", "secret").contains(key)) {
          throw json.fail(where + "." + key, UNEXPRESSIBLE);
        }
      }
      json.text(v, "description", where + ".description").ifPresent(toml::comment);
      List<String> entries = new ArrayList<>();
      Optional<String> defaultValue = json.text(v, "default", where + ".default");
      entries.add(defaultValue.map(d -> "default = " + SpinToml.str(d)).orElse("required = true"));
      JsonNode secret = v.get("secret");
      if (secret != null && !secret.isBoolean()) {
        throw json.fail(where + ".secret", "must be true or false");
      }
      if (secret != null && secret.asBoolean()) {
        entries.add("secret = true");
      }
      toml.raw(e.getKey(), SpinToml.inline(entries));
    }
  }

  private void component(JsonNode c, int index, Set<String> ids) {
    Map<String, JsonNode> fields = json.fields(c, "components[" + index + "]");
    String id = json.text(fields, "id", "components[" + index + "].id").orElse("");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]*") || !ids.add(id)) {
      throw json.fail(
          "components[" + index + "].id",
          SpinToml.str(id) + " is not a unique component id (letters, digits, '-' and '_')");
    }
    String where = "components[" + index + "] (\"" + id + "\")";
    for (String key : List.of("dependencies", "trigger_dependencies")) {
      if (!json.fields(fields.get(key), where + "." + key).isEmpty()) {
        throw json.fail(
            where + "." + key,
            "component dependencies cannot be expressed in a Wasmlet app; push the app composed"
                + " (spin registry push composes unless given --skip-compose)");
      }
    }
    hostRequirements(c, where + ".");
    toml.header("[component." + SpinToml.key(id) + "]");
    String module = "modules/" + id + ".wasm";
    add(module, source(fields.get("source"), where + ".source"));
    toml.string("source", module);
    Map<String, JsonNode> meta = json.fields(fields.get("metadata"), where + ".metadata");
    List<String> hosts = List.of();
    List<String> stores = List.of();
    List<String> databases = List.of();
    for (Map.Entry<String, JsonNode> e : meta.entrySet()) {
      String at = where + ".metadata." + e.getKey();
      switch (e.getKey()) {
        case "description" ->
            toml.string("description", json.text(meta, "description", at).orElseThrow());
        case "allowed_outbound_hosts" -> hosts = json.strings(e.getValue(), at);
        case "key_value_stores" -> stores = json.strings(e.getValue(), at);
        case "databases" -> databases = json.strings(e.getValue(), at); // sqlite_databases
        case "build" -> {} // how the module was built from source, which the artifact lacks
        default -> {
          String what = COMPONENT_METADATA_UNSUPPORTED.get(e.getKey());
          if (what == null) {
            throw json.fail(at, UNEXPRESSIBLE);
          }
          if (!json.strings(e.getValue(), at).isEmpty()) {
            throw json.fail(at, what + " not supported by Wasmlet yet; the artifact is refused");
          }
        }
      }
    }
    List<JsonNode> mounted = json.array(c, "files", where + ".files");
    for (int i = 0; i < mounted.size(); i++) {
      file(id, mounted.get(i), where + ".files[" + i + "]");
    }
    if (!mounted.isEmpty()) {
      toml.raw(
          "files",
          SpinToml.array(
              List.of(
                  SpinToml.inline(
                      List.of("source = " + SpinToml.str("files/" + id), "destination = \"/\"")))));
    }
    Map<String, String> env = json.stringMap(fields.get("env"), where + ".env");
    if (!env.isEmpty()) {
      toml.raw("environment", SpinToml.inlineTable(env));
    }
    if (!hosts.isEmpty()) {
      toml.strings("allowed_outbound_hosts", hosts);
    }
    if (!stores.isEmpty()) {
      toml.strings("key_value_stores", stores);
    }
    if (!databases.isEmpty()) {
      toml.strings("sqlite_databases", databases);
    }
    Map<String, String> config = json.stringMap(fields.get("config"), where + ".config");
    if (!config.isEmpty()) {
      toml.raw("variables", SpinToml.inlineTable(config));
    }
  }

  private Plan.Content source(JsonNode source, String where) {
    Map<String, JsonNode> s = json.fields(source, where);
    String type = json.text(s, "content_type", where + ".content_type").orElse("");
    if (!type.equals("application/wasm")) {
      throw json.fail(where + ".content_type", SpinToml.str(type) + " is not application/wasm");
    }
    Plan.Content content = content(s, where);
    if (content instanceof Plan.Layer l
        && !layers.get(l.digest()).mediaType().equals(MediaTypes.WASM_LAYER)
        && !layers.get(l.digest()).mediaType().equals(MediaTypes.PLAIN_WASM)) {
      throw json.fail(
          where,
          "names layer "
              + l.digest()
              + " of media type "
              + layers.get(l.digest()).mediaType()
              + ", not a Wasm layer ("
              + MediaTypes.WASM_LAYER
              + ")");
    }
    return content;
  }

  private void file(String component, JsonNode file, String where) {
    Map<String, JsonNode> f = json.fields(file, where);
    String path = json.text(f, "path", where + ".path").orElse("");
    if (!AppLayout.isSafePath(path)) {
      throw json.fail(
          where + ".path",
          SpinToml.str(path)
              + " is not a plain relative path inside the app (no \"..\", no leading /);"
              + " the artifact is refused");
    }
    String at = "files/" + component + "/" + path;
    if (files.containsKey(at)) {
      throw json.fail(
          where + ".path", SpinToml.str(path) + " is given twice; the artifact is refused");
    }
    add(at, content(f, where + " (\"" + path + "\")"));
  }

  /** A content ref's bytes: the layer with its digest, else its inlined bytes. */
  private Plan.Content content(Map<String, JsonNode> content, String where) {
    Optional<String> digest = json.text(content, "digest", where + ".digest");
    Optional<String> inline = json.text(content, "inline", where + ".inline");
    if (digest.isPresent() && !Sha256.isDigest(digest.get())) {
      throw json.fail(where + ".digest", SpinToml.str(digest.get()) + " is not a sha256 digest");
    }
    if (digest.isPresent() && layers.containsKey(digest.get())) {
      return new Plan.Layer(digest.get());
    }
    if (inline.isPresent()) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(inline.get());
      } catch (IllegalArgumentException e) {
        throw json.fail(where + ".inline", "is not base64: " + e.getMessage());
      }
      if (digest.isPresent() && !Sha256.of(bytes).equals(digest.get())) {
        throw new DigestMismatch(
            ref + ": Spin locked app, " + where + ": the inlined content",
            digest.get(),
            Sha256.of(bytes),
            "the artifact is corrupt; push it again");
      }
      return new Plan.Written(bytes);
    }
    if (digest.isPresent()) {
      throw json.fail(
          where,
          "content "
              + digest.get()
              + " is in no layer of the artifact and not inlined"
              + (layers.values().stream()
                      .anyMatch(l -> l.mediaType().equals(MediaTypes.ARCHIVE_LAYER))
                  ? " (Spin packed it in an archive layer, "
                      + MediaTypes.ARCHIVE_LAYER
                      + ", which Wasmlet does not unpack; push without SPIN_OCI_ARCHIVE_LAYERS)"
                  : "; the artifact is incomplete, push it again"));
    }
    throw json.fail(
        where, "has neither a digest nor inlined content; only content in the artifact runs");
  }

  private void add(String path, Plan.Content content) {
    if (!AppLayout.isSafePath(path)) {
      throw json.fail("", "would lay a file out at " + SpinToml.str(path) + ", outside the app");
    }
    files.put(path, content);
  }

  private void hostRequirements(JsonNode node, String prefix) {
    for (Map.Entry<String, JsonNode> e :
        json.fields(node.get("host_requirements"), prefix + "host_requirements").entrySet()) {
      if (!e.getValue().asText().equals("optional")) {
        throw json.fail(
            prefix + "host_requirements." + e.getKey(),
            "the app requires it and Wasmlet does not provide it; the artifact is refused");
      }
    }
  }

  SpinToml toml() {
    return toml;
  }

  SpinJson json() {
    return json;
  }
}
