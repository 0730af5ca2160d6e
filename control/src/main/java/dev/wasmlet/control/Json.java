package dev.wasmlet.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the control plane, and the column encodings of the store. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass(), e);
    }
  }

  static Map<String, String> stringMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new ControlException("corrupt state column: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, Integer> intMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      throw new ControlException("corrupt state column: " + e.getOriginalMessage(), e);
    }
  }

  static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ControlException("corrupt state column: " + e.getOriginalMessage(), e);
    }
  }

  static List<String> stringList(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new ControlException("corrupt state column: " + e.getOriginalMessage(), e);
    }
  }
}
