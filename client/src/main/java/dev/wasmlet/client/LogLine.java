package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of an app's log.
 *
 * @param seq its position in the app's log; ask for lines after it with {@code since}
 * @param source {@code guest}, {@code access}, {@code rollout} or {@code health}
 * @param json the server's document, for {@code --output json}
 */
public record LogLine(
    long seq,
    Instant time,
    String level,
    Optional<Integer> revision,
    Optional<String> requestId,
    String source,
    String message,
    JsonNode json) {
  static LogLine of(JsonNode n) {
    return new LogLine(
        Json.field(n, "seq").asLong(),
        Json.instant(n, "time"),
        Json.optionalText(n, "level").orElse("INFO"),
        Json.optionalInt(n, "revision"),
        Json.optionalText(n, "requestId"),
        Json.optionalText(n, "source").orElse(""),
        Json.optionalText(n, "message").orElse(""),
        n);
  }
}
