package dev.wasmlet.signing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * What an artifact must prove before it runs. Read from JSON ({@code *.json}) or TOML (anything
 * else) with the same keys:
 *
 * <pre>
 * trustedKeys = ["keys/ci.pub", { pem = "-----BEGIN PUBLIC KEY-----..." }]  # paths relative to the file
 * requireProvenance = true
 * allowedBuilders = ["https://ci.acme.dev/runner"]
 * allowedSources = ["https://github.com/acme/*"]
 * allowedRegistries = ["registry.acme.dev", "127.0.0.1:*"]
 * allowUnsignedLocal = false
 * </pre>
 *
 * Empty lists allow nothing (fail closed); unknown keys are errors, so a typo cannot disable a
 * check.
 */
public record Policy(
    List<TrustedKey> trustedKeys,
    boolean requireProvenance,
    List<String> allowedBuilders,
    List<String> allowedSources,
    List<String> allowedRegistries,
    boolean allowUnsignedLocal) {

  private static final Set<String> KEYS =
      Set.of(
          "trustedKeys",
          "requireProvenance",
          "allowedBuilders",
          "allowedSources",
          "allowedRegistries",
          "allowUnsignedLocal");

  public Policy {
    trustedKeys = List.copyOf(trustedKeys);
    allowedBuilders = List.copyOf(allowedBuilders);
    allowedSources = List.copyOf(allowedSources);
    allowedRegistries = List.copyOf(allowedRegistries);
  }

  /** Reads a policy file; {@link PolicyInvalid} names the file and the culprit. */
  public static Policy read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new PolicyInvalid("cannot read policy " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> map =
        file.getFileName().toString().endsWith(".json") ? json(text, file) : toml(text, file);
    return fromMap(map, file);
  }

  private static Map<String, Object> json(String text, Path file) {
    try {
      return new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new PolicyInvalid("policy " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> toml(String text, Path file) {
    TomlParseResult r = Toml.parse(text);
    if (r.hasErrors()) {
      throw new PolicyInvalid(
          "policy "
              + file
              + ":"
              + r.errors().get(0).position().line()
              + ": "
              + r.errors().get(0).getMessage());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) plain(r);
    return map;
  }

  /** tomlj tables and arrays as plain maps and lists, like Jackson's. */
  private static Object plain(Object v) {
    if (v instanceof TomlTable t) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (String k : t.keySet()) {
        m.put(k, plain(t.get(List.of(k))));
      }
      return m;
    }
    if (v instanceof TomlArray a) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        l.add(plain(a.get(i)));
      }
      return l;
    }
    return v;
  }

  private static Policy fromMap(Map<String, Object> map, Path file) {
    for (String key : map.keySet()) {
      if (!KEYS.contains(key)) {
        throw new PolicyInvalid(
            "policy "
                + file
                + ": unknown setting \""
                + key
                + "\"; known settings are "
                + new java.util.TreeSet<>(KEYS));
      }
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (Object entry : list(map, "trustedKeys", file)) {
      keys.add(trustedKey(entry, file));
    }
    return new Policy(
        keys,
        bool(map, "requireProvenance", file),
        strings(map, "allowedBuilders", file),
        strings(map, "allowedSources", file),
        strings(map, "allowedRegistries", file),
        bool(map, "allowUnsignedLocal", file));
  }

  private static TrustedKey trustedKey(Object entry, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      if (entry instanceof String path) {
        return TrustedKey.of(Keys.readPublicKey(dir.resolve(path)), path);
      }
      if (entry instanceof Map<?, ?> m && m.get("path") instanceof String path) {
        return TrustedKey.of(Keys.readPublicKey(dir.resolve(path)), path);
      }
      if (entry instanceof Map<?, ?> m && m.get("pem") instanceof String pem) {
        return TrustedKey.of(Keys.publicKeyFromPem(pem, "inline key in " + file), "inline key");
      }
    } catch (KeyUnreadable e) {
      throw new PolicyInvalid("policy " + file + ": trusted key: " + e.getMessage(), e);
    }
    throw new PolicyInvalid(
        "policy " + file + ": trustedKeys entries are paths or {pem = \"...\"}, got " + entry);
  }

  private static List<?> list(Map<String, Object> map, String key, Path file) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw new PolicyInvalid("policy " + file + ": \"" + key + "\" must be a list");
  }

  private static List<String> strings(Map<String, Object> map, String key, Path file) {
    List<String> out = new ArrayList<>();
    for (Object o : list(map, key, file)) {
      if (!(o instanceof String s)) {
        throw new PolicyInvalid("policy " + file + ": \"" + key + "\" must list strings, got " + o);
      }
      out.add(s);
    }
    return out;
  }

  private static boolean bool(Map<String, Object> map, String key, Path file) {
    Object v = map.getOrDefault(key, Boolean.FALSE);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new PolicyInvalid("policy " + file + ": \"" + key + "\" must be true or false");
  }
}
