package dev.wasmlet.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reading the server's JSON into records: strict on required fields, with one clear message. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw new AnswerUnreadable("the server sent an empty answer to " + what, null);
      }
      return n;
    } catch (IOException e) {
      throw new AnswerUnreadable("the server's answer to " + what + " is not JSON", e);
    }
  }

  static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new AnswerUnreadable(
          "the server's answer lacks \""
              + name
              + "\"; is the server a different version of Wasmlet than this client?",
          null);
    }
    return v;
  }

  static String text(JsonNode n, String name) {
    return field(n, name).asText();
  }

  static Optional<String> optionalText(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  static Optional<Integer> optionalInt(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asInt());
  }

  static Instant instant(JsonNode n, String name) {
    return optionalInstant(n, name)
        .orElseThrow(
            () -> new AnswerUnreadable("the server's answer lacks \"" + name + "\"", null));
  }

  static Optional<Instant> optionalInstant(JsonNode n, String name) {
    Optional<String> t = optionalText(n, name);
    try {
      return t.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new AnswerUnreadable("\"" + name + "\" in the server's answer is not a time", e);
    }
  }

  static <T> List<T> list(JsonNode n, String name, Function<JsonNode, T> item) {
    List<T> out = new ArrayList<>();
    JsonNode a = n.get(name);
    if (a != null && a.isArray()) {
      a.forEach(x -> out.add(item.apply(x)));
    }
    return out;
  }

  static <T> Map<String, T> map(JsonNode n, String name, Function<JsonNode, T> value) {
    Map<String, T> out = new LinkedHashMap<>();
    JsonNode o = n.get(name);
    if (o != null && o.isObject()) {
      o.properties().forEach(e -> out.put(e.getKey(), value.apply(e.getValue())));
    }
    return out;
  }
}
