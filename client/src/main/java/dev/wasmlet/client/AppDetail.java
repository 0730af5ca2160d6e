package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One app in full: its summary, admission limits, and the names of its variables and secrets (never
 * their values).
 *
 * @param json the server's document, for {@code --output json}
 */
public record AppDetail(
    AppSummary summary,
    Admission admission,
    List<String> vars,
    List<SecretInfo> secrets,
    JsonNode json) {
  public AppDetail {
    vars = List.copyOf(vars);
    secrets = List.copyOf(secrets);
  }

  static AppDetail of(JsonNode n) {
    return new AppDetail(
        AppSummary.of(n),
        Admission.of(Json.field(n, "admission")),
        Json.list(n, "vars", JsonNode::asText),
        Json.list(n, "secrets", SecretInfo::of),
        n);
  }
}
