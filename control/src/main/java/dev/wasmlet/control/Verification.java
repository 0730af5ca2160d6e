package dev.wasmlet.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.signing.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the server's supply-chain checks found for a revision's source, every check in order.
 *
 * @param subject the artifact as {@code REFERENCE@DIGEST}, or {@code local files}
 */
record Verification(Verification.Status status, String subject, List<Check> checks) {
  Verification {
    checks = List.copyOf(checks);
  }

  /** How far a revision was proven. */
  enum Status {
    /** Every check of the server's policy passed. */
    VERIFIED,
    /** Local files, let in by the policy's {@code allowUnsignedLocal}. */
    UNSIGNED_LOCAL,
    /** The server has no policy: nothing was required (an artifact's files were still matched). */
    UNCHECKED;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Status of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("status", status.label());
    o.put("subject", subject);
    o.set("checks", checks(checks));
    return o;
  }

  static ArrayNode checks(List<Check> checks) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (Check c : checks) {
      a.addObject().put("name", c.name()).put("passed", c.passed()).put("message", c.message());
    }
    return a;
  }

  static Verification fromJson(JsonNode n) {
    return new Verification(
        Status.of(n.path("status").asText()), n.path("subject").asText(), checks(n.path("checks")));
  }

  /** Checks as {@link #checks(List)} writes them. */
  static List<Check> checks(JsonNode array) {
    List<Check> checks = new ArrayList<>();
    array.forEach(
        c ->
            checks.add(
                new Check(
                    c.path("name").asText(),
                    c.path("passed").asBoolean(),
                    c.path("message").asText())));
    return checks;
  }
}
