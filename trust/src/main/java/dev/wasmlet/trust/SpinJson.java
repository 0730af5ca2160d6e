package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed reads of a Spin locked app's JSON for {@link SpinLayout}: each names the field it reads,
 * and a field of the wrong type is refused as {@link ArtifactUnsupported} naming it.
 */
final class SpinJson {
  private final Reference ref;

  SpinJson(Reference ref) {
    this.ref = ref;
  }

  ArtifactUnsupported fail(String where, String problem) {
    return new ArtifactUnsupported(
        ref + ": Spin locked app" + (where.isEmpty() ? "" : ", " + where) + ": " + problem, null);
  }

  /** An object's fields in order; an absent or null node has none. */
  Map<String, JsonNode> fields(JsonNode node, String where) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw fail(where, "must be an object");
    }
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  Map<String, JsonNode> object(JsonNode parent, String key, String where) {
    return fields(parent.get(key), where);
  }

  List<JsonNode> array(JsonNode parent, String key, String where) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fail(where, "must be an array");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  Optional<String> text(Map<String, JsonNode> fields, String key, String where) {
    JsonNode n = fields.get(key);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw fail(where, "must be a string");
    }
    return Optional.of(n.asText());
  }

  List<String> strings(JsonNode node, String where) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw fail(where, "must be an array of strings");
    }
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw fail(where, "must be an array of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  Map<String, String> stringMap(JsonNode node, String where) {
    Map<String, String> out = new TreeMap<>();
    fields(node, where)
        .forEach((k, v) -> out.put(k, text(Map.of(k, v), k, where + "." + k).orElse("")));
    return out;
  }
}
