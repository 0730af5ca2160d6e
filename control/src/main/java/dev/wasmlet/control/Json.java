package dev.wasmlet.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the control plane, and the column encodings of the store. */
final class Json {
  /** How deep an API body may nest; the API's documents nest a few levels. */
  static final int MAX_DEPTH = 64;

  /** How many digits a number in an API body may have; ids, counts and percents need few. */
  static final int MAX_NUMBER_LENGTH = 100;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_DEPTH)
                      .maxNumberLength(MAX_NUMBER_LENGTH)
                      .build())
              .build());

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
