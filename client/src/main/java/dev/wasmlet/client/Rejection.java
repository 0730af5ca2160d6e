package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deploy the server's supply-chain policy refused, or a stored revision it refused to serve.
 *
 * @param revision the revision refused; empty for a refused deploy, which stored nothing
 * @param subject the artifact as {@code REFERENCE@DIGEST}, or {@code local files}
 * @param check the name of the check that failed, e.g. {@code key-trusted}
 * @param message why it failed
 * @param checks every check that ran, {@code PASS name: message} or {@code FAIL ...}, failed last
 * @param json the server's document, for {@code --output json}
 */
public record Rejection(
    String app,
    Instant at,
    Optional<Integer> revision,
    String subject,
    String check,
    String message,
    List<String> checks,
    JsonNode json) {
  public Rejection {
    checks = List.copyOf(checks);
  }

  static Rejection of(JsonNode n) {
    return new Rejection(
        Json.text(n, "app"),
        Json.instant(n, "at"),
        Json.optionalInt(n, "revision"),
        Json.text(n, "subject"),
        Json.text(n, "check"),
        Json.text(n, "message"),
        checks(n),
        n);
  }

  /** The checks of a rejection, a verification or a problem document, one line each. */
  static List<String> checks(JsonNode n) {
    return Json.list(
        n,
        "checks",
        c ->
            (c.path("passed").asBoolean() ? "PASS " : "FAIL ")
                + Json.text(c, "name")
                + ": "
                + Json.text(c, "message"));
  }
}
