package dev.wasmlet.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.signing.Check;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deploy the supply-chain policy refused, or a stored revision it refused to serve.
 *
 * @param revision the stored revision refused, empty for a refused deploy (nothing was stored)
 * @param subject the artifact as {@code REFERENCE@DIGEST}, or {@code local files}
 * @param check the name of the check that failed
 * @param checks every check that ran, the failed one last
 */
record Rejection(
    String app,
    Instant at,
    Optional<Integer> revision,
    String subject,
    String check,
    String message,
    List<Check> checks) {
  Rejection {
    checks = List.copyOf(checks);
  }

  static Rejection of(String app, Optional<Integer> revision, ArtifactRejected e) {
    return new Rejection(
        app, Instant.now(), revision, e.subject(), e.check(), e.reason(), e.checks());
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("app", app);
    o.put("at", at.toString());
    if (revision.isPresent()) {
      o.put("revision", revision.get());
    } else {
      o.putNull("revision");
    }
    o.put("subject", subject);
    o.put("check", check);
    o.put("message", message);
    o.set("checks", Verification.checks(checks));
    return o;
  }
}
