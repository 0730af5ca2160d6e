package dev.wasmlet.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto Statement v1 (https://in-toto.io/Statement/v1): subjects, a predicate type and the
 * predicate as JSON.
 */
public record Statement(List<Subject> subjects, String predicateType, JsonNode predicate) {
  public static final String TYPE = "https://in-toto.io/Statement/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public Statement {
    subjects = List.copyOf(subjects);
    predicate = predicate.deepCopy();
  }

  @Override
  public JsonNode predicate() {
    return predicate.deepCopy();
  }

  /** The statement's JSON bytes, the DSSE payload of type {@link Dsse#IN_TOTO}. */
  public byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("_type", TYPE);
    var array = o.putArray("subject");
    for (Subject s : subjects) {
      var item = array.addObject().put("name", s.name());
      item.putObject("digest").put("sha256", s.sha256());
    }
    o.put("predicateType", predicateType);
    o.set("predicate", predicate);
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a statement; {@link BundleInvalid} names what is wrong with it. */
  public static Statement parse(byte[] json) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new BundleInvalid("statement is not valid JSON", e);
    }
    if (o == null || !o.isObject() || !TYPE.equals(o.path("_type").asText())) {
      throw new BundleInvalid("payload is not an in-toto Statement v1 (_type " + TYPE + ")");
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : o.path("subject")) {
      String hex = s.path("digest").path("sha256").asText();
      try {
        subjects.add(new Subject(s.path("name").asText(), hex));
      } catch (SigningException e) {
        throw new BundleInvalid("statement " + e.getMessage(), e);
      }
    }
    if (subjects.isEmpty()) {
      throw new BundleInvalid("statement has no subject with a sha256 digest");
    }
    JsonNode predicate = o.get("predicate");
    return new Statement(
        subjects,
        o.path("predicateType").asText(),
        predicate == null ? JSON.createObjectNode() : predicate);
  }
}
